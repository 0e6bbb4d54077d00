package dev.lorekeeper.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What works but is probably not what the operator wants: listed by {@code config check} and logged by {@code run},
 * apart from the errors, and never a reason to refuse to start.
 */
public final class ConfigWarnings {
    /** Free endpoints without a key: rate-limited, and often refuse wide eth_getLogs ranges. */
    private static final Set<String> PUBLIC_RPC_DOMAINS = Set.of(
            "publicnode.com",
            "llamarpc.com",
            "cloudflare-eth.com",
            "1rpc.io",
            "drpc.org",
            "mainnet.base.org",
            "polygon-rpc.com",
            "eth.merkle.io",
            "rpc.flashbots.net");

    private ConfigWarnings() {}

    public static List<ConfigProblem> of(LorekeeperConfig c) {
        List<ConfigProblem> out = new ArrayList<>();
        if (isLocal(c.web().publicUrl())) {
            out.add(
                    new ConfigProblem(
                            "web.public-url",
                            c.web().publicUrl() + " points at this machine: members' "
                                    + "/verify links will not open for them; set it to the https address of your reverse proxy"));
        }
        c.chains().forEach((name, chain) -> {
            for (int i = 0; i < chain.rpcUrls().size(); i++) {
                String host = host(chain.rpcUrls().get(i));
                if (isPublicRpc(host, chain.rpcUrls().get(i))) {
                    out.add(new ConfigProblem(
                            "chains." + name + ".rpc-urls[" + i + "]",
                            host + " is a free public "
                                    + "RPC: it is rate-limited and may refuse log queries, so roles follow the chain late; "
                                    + "use a provider with an API key or your own node"));
                }
            }
        });
        ShardsConfig shards = c.discord().shards();
        if (shards.total() > 1 && shards.ids() == null) {
            out.add(new ConfigProblem(
                    "discord.shards.ids",
                    "is not set, so this process runs all " + shards.total()
                            + " shards; when several processes share the bot, give each its own ids (for example 0-1 and "
                            + "2-3)"));
        }
        return out;
    }

    private static boolean isLocal(String url) {
        String host = host(url);
        return host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1")
                || host.equals("0.0.0.0");
    }

    static boolean isPublicRpc(String host, String url) {
        for (String domain : PUBLIC_RPC_DOMAINS) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        // Ankr serves both: rpc.ankr.com/eth is the free endpoint, rpc.ankr.com/eth/<key> a paid one.
        return host.equals("rpc.ankr.com") && path(url).matches("/[^/]+/?");
    }

    private static String host(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String path(String url) {
        try {
            String p = URI.create(url.trim()).getPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
