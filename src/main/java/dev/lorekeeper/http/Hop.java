package dev.lorekeeper.http;

import okhttp3.HttpUrl;

/**
 * One request of a fetch, with the trust it carries. Trust only ever decays: a configured URL stays trusted while it
 * redirects within its own host or a subdomain of it (an IPFS gateway sending {@code /ipfs/CID} to
 * {@code CID.ipfs.dweb.link}, or a local node to {@code CID.ipfs.localhost}); a redirect anywhere else is untrusted,
 * since the gateway serves content that others chose.
 */
record Hop(HttpUrl url, Trust trust, String configuredHost) {
    static Hop first(String url, Trust trust) throws FetchRefusedException {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw FetchRefusedException.notHttp();
        }
        return new Hop(parsed, trust, parsed.host());
    }

    Hop redirect(String location) throws FetchRefusedException {
        HttpUrl next = location == null ? null : url.resolve(location);
        if (next == null) {
            throw FetchRefusedException.notHttp();
        }
        boolean stillTrusted = trust == Trust.CONFIGURED && withinConfiguredHost(next.host());
        return new Hop(next, stillTrusted ? Trust.CONFIGURED : Trust.UNTRUSTED, configuredHost);
    }

    private boolean withinConfiguredHost(String host) {
        if (host.equals(configuredHost)) {
            return true;
        }
        boolean configuredIsName = !configuredHost.contains(":") && !configuredHost.matches("[\\d.]+");
        return configuredIsName && host.endsWith("." + configuredHost);
    }
}
