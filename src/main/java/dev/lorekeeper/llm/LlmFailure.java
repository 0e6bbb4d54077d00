package dev.lorekeeper.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A failed model call in one line: what failed (status, timeout, refused connection, a reply that is not JSON) and
 * which setting to check. langchain4j wraps the cause differently per HTTP client, so the whole chain is searched.
 */
final class LlmFailure {
    private LlmFailure() {}

    static String describe(Throwable e, String baseUrl, String model, Duration timeout) {
        String host = host(baseUrl);
        HttpException http = find(e, HttpException.class);
        if (http != null) {
            return status(http.statusCode(), http.getMessage(), host, model);
        }
        if (find(e, UnresolvedAddressException.class) != null
                || find(e, UnknownHostException.class) != null
                || find(e, UnresolvedModelServerException.class) != null) {
            return "host " + host + " not found; check llm.base-url";
        }
        if (causedBy(e, "java.net.http.HttpTimeoutException")
                || find(e, SocketTimeoutException.class) != null
                || find(e, TimeoutException.class) != null
                || find(e, dev.langchain4j.exception.TimeoutException.class) != null) {
            return "no reply from " + host + " within llm.timeout (" + timeout.toSeconds() + "s); check that the "
                    + "model server runs, or raise llm.timeout";
        }
        if (find(e, ConnectException.class) != null) {
            return "connection refused by " + host + "; check llm.base-url and that the model server runs";
        }
        if (find(e, JsonProcessingException.class) != null) {
            return "the reply from " + host + " is not the JSON of an OpenAI-compatible API; check llm.base-url "
                    + "(it usually ends in /v1)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + firstLine(root.getMessage()) + "; check llm.base-url, llm.model "
                + "and llm.api-key";
    }

    private static String status(int code, String body, String host, String model) {
        if (code == 401 || code == 403) {
            // The body may quote the key: it is not shown.
            return host + " refused the API key (HTTP " + code + "); check llm.api-key";
        }
        if (code == 404) {
            return host + " answered HTTP 404: model '" + model + "' or the API path does not exist there; check "
                    + "llm.model and llm.base-url (it usually ends in /v1)";
        }
        if (code == 429) {
            return "rate limited by " + host + " (HTTP 429); lower llm.max-concurrent or raise your provider's limit";
        }
        if (code >= 500) {
            return host + " failed with HTTP " + code + "; check the model server's own log";
        }
        return host + " refused the request (HTTP " + code + firstLine(body) + "); check llm.model and "
                + "llm.max-output-tokens";
    }

    /**
     * Whether a cause in the chain has this class name: the model client's HTTP timeout type is matched by name, so
     * that this package stays free of an HTTP client's classes.
     */
    private static boolean causedBy(Throwable e, String className) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 160 ? line.substring(0, 160) + "…" : line);
    }

    private static String host(String baseUrl) {
        try {
            URI u = URI.create(baseUrl);
            return u.getHost() == null ? baseUrl : u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "llm.base-url";
        }
    }
}
