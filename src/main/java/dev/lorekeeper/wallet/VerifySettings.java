package dev.lorekeeper.wallet;

import java.net.URI;
import java.time.Duration;

/** Where the verify page lives, which chain messages name, and the time rules for sessions. */
public record VerifySettings(String publicUrl, long chainId, Duration sessionTtl, Duration clockSkew) {
    /** The SIWE domain: host and port of the public URL, which the wallet compares with the page's origin. */
    public String domain() {
        URI uri = URI.create(publicUrl);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    public String scheme() {
        return URI.create(publicUrl).getScheme();
    }

    public String pageUri() {
        return publicUrl + "/verify";
    }

    public String link(String token) {
        return publicUrl + "/verify/" + token;
    }
}
