package dev.lorekeeper.config;

/** The bot's own HTTP server (verify page, health, metrics). TLS belongs to a reverse proxy in front of it. */
public record WebConfig(String bind, Integer port, String publicUrl) {
    public WebConfig {
        bind = bind == null || bind.isBlank() ? "0.0.0.0" : bind.trim();
        port = port == null ? 8080 : port;
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : stripSlash(publicUrl.trim());
    }

    public static WebConfig defaults() {
        return new WebConfig(null, null, null);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
