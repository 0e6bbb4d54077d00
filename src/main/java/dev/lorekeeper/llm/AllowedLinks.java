package dev.lorekeeper.llm;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts that generated text may link to: the docs' own (knowledge.base-url and the pages they were loaded from)
 * and the operator's llm.allowed-link-domains. A host is allowed when it is one of them or a subdomain of one.
 */
public final class AllowedLinks {
    private static final Pattern PLAIN_HOST =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern SCHEME = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*:[/\\\\]*");

    private final Set<String> hosts;

    private AllowedLinks(Set<String> hosts) {
        this.hosts = Set.copyOf(hosts);
    }

    public static AllowedLinks none() {
        return new AllowedLinks(Set.of());
    }

    /** From the docs' base URL (may be null), the pages they were loaded from, and configured domains. */
    public static AllowedLinks of(String docsBaseUrl, Collection<String> docPages, Collection<String> domains) {
        Set<String> out = new LinkedHashSet<>();
        if (docsBaseUrl != null) {
            out.add(hostOf(docsBaseUrl));
        }
        docPages.forEach(p -> out.add(hostOf(p)));
        domains.forEach(d -> out.add(hostOf(d.contains("/") || d.contains(":") ? d : "https://" + d)));
        out.removeIf(h -> !PLAIN_HOST.matcher(h).matches());
        return new AllowedLinks(out);
    }

    public Set<String> hosts() {
        return hosts;
    }

    /** Whether a link to this URL (scheme included) may stay clickable. */
    public boolean allows(String url) {
        String host = hostOf(url);
        if (!PLAIN_HOST.matcher(host).matches()) {
            return false;
        }
        return hosts.stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h));
    }

    /**
     * The host a browser would visit: after any user info (the last {@code @}), before the port, path, query or
     * fragment, lower case, with ideographic full stops read as dots (browsers do) and a trailing dot dropped.
     */
    static String hostOf(String url) {
        String rest = SCHEME.matcher(url.strip()).replaceFirst("");
        int end = rest.length();
        for (char stop : new char[] {'/', '\\', '?', '#'}) {
            int i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else {
            int colon = host.indexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT)
                .replace('\u3002', '.')
                .replace('\uff0e', '.')
                .replace('\uff61', '.');
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }
}
