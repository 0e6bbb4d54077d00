package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answered in Discord's JSON shape: {@code {"code":…, "message":…, "errors":{…}}}. */
final class DiscordError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final int code;
    final transient ObjectNode errors;

    DiscordError(int status, int code, String message) {
        this(status, code, message, null);
    }

    DiscordError(int status, int code, String message, ObjectNode errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    /** 50035 Invalid Form Body with one field error at a dotted path such as {@code data.components.0.custom_id}. */
    static DiscordError invalidForm(String path, String errorCode, String message) {
        ObjectNode errors = Json.MAPPER.createObjectNode();
        ObjectNode at = errors;
        for (String part : path.split("\\.")) {
            at = at.withObjectProperty(part);
        }
        at.set("_errors", Json.arr(Json.obj("code", errorCode, "message", message)));
        return new DiscordError(400, 50035, "Invalid Form Body", errors);
    }

    ObjectNode body() {
        ObjectNode body = Json.obj("message", getMessage(), "code", code);
        if (errors != null) {
            body.set("errors", errors);
        }
        return body;
    }
}
