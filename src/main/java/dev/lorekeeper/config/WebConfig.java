package dev.lorekeeper.config;

import java.util.List;

/**
 * The bot's own HTTP servers. The public one (verify page and API, living metadata, {@code /healthz}) sits behind a
 * TLS reverse proxy; the admin one ({@code /readyz}, {@code /metrics}) listens on a private address. With an admin
 * token, the public port also serves the admin paths to requests that carry it as a bearer token. With
 * {@code oauth.client-id} set, the public one also serves the moderators' dashboard.
 */
public record WebConfig(
        String bind,
        Integer port,
        String publicUrl,
        List<Cidr> trustedProxies,
        String adminBind,
        Integer adminPort,
        @Secret String adminToken,
        OAuthConfig oauth) {
    public WebConfig {
        bind = bind == null || bind.isBlank() ? "0.0.0.0" : bind.trim();
        port = port == null ? 8080 : port;
        publicUrl =
                publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : stripSlash(publicUrl.trim());
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        adminBind = adminBind == null || adminBind.isBlank() ? "127.0.0.1" : adminBind.trim();
        adminPort = adminPort == null ? 8081 : adminPort;
        adminToken = adminToken == null ? "" : adminToken.trim();
        oauth = oauth == null ? OAuthConfig.defaults() : oauth;
    }

    public static WebConfig defaults() {
        return new WebConfig(null, null, null, null, null, null, null, null);
    }

    /** Both listeners on loopback ports the system picks: for tests and tools. */
    public static WebConfig loopback(List<Cidr> trustedProxies, String adminToken) {
        return new WebConfig("127.0.0.1", 0, null, trustedProxies, "127.0.0.1", 0, adminToken, null);
    }

    /** The dashboard's session cookie is Secure when members reach the bot over https. */
    public boolean https() {
        return publicUrl.startsWith("https://");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
