package dev.lorekeeper.web;

/** Ends a request early with a status and a sentence for the client; the web server answers it as JSON. */
final class RequestRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    RequestRejected(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
