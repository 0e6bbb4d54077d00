package dev.lorekeeper.wallet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** The RFC 3986 productions that EIP-4361 refers to: authority, URI and pchar. */
final class Rfc3986 {
    private static final String UNRESERVED = "A-Za-z0-9\\-._~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final String PCT = "%[0-9A-Fa-f]{2}";
    // Percent signs are allowed by the character classes and checked on their own (PCT_OK): a repeated group such
    // as (?:[…]|%XX)* makes Java's regex engine recurse once per character, and a long field overflows the stack.
    private static final Pattern BAD_PCT = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern AUTHORITY = Pattern.compile("(?:[" + UNRESERVED + SUB_DELIMS + ":%]*+@)?"
            + "(?:\\[[0-9A-Fa-f:.]++]|[" + UNRESERVED + SUB_DELIMS + "%]++)"
            + "(?::\\d*+)?");
    private static final Pattern URI_CHARS =
            Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*+:[" + UNRESERVED + SUB_DELIMS + ":@/?#\\[\\]%]*+");
    private static final Pattern PCHARS = Pattern.compile("[" + UNRESERVED + SUB_DELIMS + ":@%]*+");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*");

    private Rfc3986() {}

    private static boolean pctOk(String s) {
        return !BAD_PCT.matcher(s).find();
    }

    static boolean isAuthority(String s) {
        return s != null && AUTHORITY.matcher(s).matches() && pctOk(s);
    }

    static boolean isScheme(String s) {
        return s != null && SCHEME.matcher(s).matches();
    }

    static boolean isPchars(String s) {
        return s != null && PCHARS.matcher(s).matches() && pctOk(s);
    }

    /** An absolute URI: scheme, allowed characters only, at most one fragment, and a parseable structure. */
    static boolean isUri(String s) {
        if (s == null || !URI_CHARS.matcher(s).matches() || !pctOk(s) || s.indexOf('#') != s.lastIndexOf('#')) {
            return false;
        }
        try {
            URI uri = new URI(s);
            return uri.getScheme() != null && (uri.getRawAuthority() == null || isAuthority(uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
