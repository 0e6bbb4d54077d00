package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;

/** A REST request the bot made, and what the double answered. */
public record RecordedRequest(String method, String path, String query, JsonNode body, int status, long atNanos) {
    public boolean matches(String m, String pathRegex) {
        return method.equals(m) && path.matches(pathRegex);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
