package dev.lorekeeper.discord;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;

/**
 * Start-up failures against Discord, each as one line for the operator that names where, why and which key to
 * check. JDA reports a network failure as {@code ErrorResponseException: -1: java.net.UnknownHostException}, which
 * names neither the host nor the fix.
 */
final class Unreachable {
    static final String DISCORD_API = "https://discord.com/api/v10/";

    private Unreachable() {}

    /** The login's REST calls failed: the network, or Discord's answer. */
    static IllegalStateException rest(String apiBaseUrl, ErrorResponseException e) {
        Exception network = e.getResponse() == null ? null : e.getResponse().getException();
        if (network != null) {
            return new IllegalStateException(
                    "cannot reach Discord at " + hostOf(apiBaseUrl) + ": " + reason(network) + " ("
                            + check(apiBaseUrl, "discord.api-base-url") + ")",
                    e);
        }
        if (e.getResponse() != null && e.getResponse().code == 401) {
            return invalidToken(e);
        }
        return new IllegalStateException(
                "Discord at " + hostOf(apiBaseUrl) + " refused the login: " + e.getMessage(), e);
    }

    static IllegalStateException invalidToken(Exception e) {
        return new IllegalStateException("Discord rejected the bot token (discord.token): check DISCORD_TOKEN", e);
    }

    /** The first gateway connection failed, or {@code cause} is null when it did not open in time. */
    static IllegalStateException gateway(String url, boolean configured, Throwable cause, long waitedSeconds) {
        String why = cause == null ? "no connection within " + waitedSeconds + " s" : reason(cause);
        return new IllegalStateException(
                "cannot reach the Discord gateway at " + url + ": " + why + " ("
                        + check(configured ? url : null, "discord.gateway-url") + ")",
                cause);
    }

    /** The innermost cause that says what went wrong, in a few words. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "DNS lookup failed";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                // OkHttp wraps the JDK's "Connection refused" in its own "Failed to connect to ...".
                return t.getMessage() != null && t.getMessage().contains("timed out")
                        ? "timed out"
                        : "connection refused";
            }
            // By name: only the http package holds an HTTP client's classes.
            if (t instanceof InterruptedIOException
                    || t.getClass().getName().equals("java.net.http.HttpTimeoutException")) {
                return "timed out";
            }
            if (t instanceof SSLException) {
                return "TLS failed (" + t.getMessage() + ")";
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            }
        }
        return "unknown error";
    }

    private static String check(String configured, String key) {
        return configured == null ? "check the network or " + key : "check " + key;
    }

    static String hostOf(String apiBaseUrl) {
        try {
            URI uri = URI.create(apiBaseUrl == null ? DISCORD_API : apiBaseUrl);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return apiBaseUrl;
        }
    }
}
