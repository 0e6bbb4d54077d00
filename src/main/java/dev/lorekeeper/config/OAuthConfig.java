package dev.lorekeeper.config;

import java.time.Duration;

/**
 * The dashboard's "Log in with Discord": the application's OAuth2 client id and secret (Developer Portal → the
 * application → OAuth2), and where Discord's OAuth2 lives ({@code base-url}, for a proxy or the test double). Without a
 * client id the dashboard is off. A session ends after {@code session-idle} without a request, and after
 * {@code session-max} in any case.
 */
public record OAuthConfig(
        String clientId, @Secret String clientSecret, String baseUrl, Duration sessionIdle, Duration sessionMax) {
    public static final String DISCORD = "https://discord.com";

    public OAuthConfig {
        clientId = clientId == null ? "" : clientId.trim();
        clientSecret = clientSecret == null ? "" : clientSecret.trim();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DISCORD : stripSlash(baseUrl.trim());
        sessionIdle = sessionIdle == null ? Duration.ofHours(2) : sessionIdle;
        sessionMax = sessionMax == null ? Duration.ofDays(7) : sessionMax;
    }

    public static OAuthConfig defaults() {
        return new OAuthConfig(null, null, null, null, null);
    }

    public boolean enabled() {
        return !clientId.isEmpty();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
