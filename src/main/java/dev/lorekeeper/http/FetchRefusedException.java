package dev.lorekeeper.http;

import java.io.IOException;

/**
 * A URL that was not fetched at all. The message is the same whatever is (or is not) listening there, so that it can
 * be shown to whoever chose the URL.
 */
public final class FetchRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private FetchRefusedException(String reason) {
        super("refused: " + reason);
    }

    static FetchRefusedException privateAddress() {
        return new FetchRefusedException("private address");
    }

    static FetchRefusedException invalidAddress() {
        return new FetchRefusedException("not a valid address");
    }

    static FetchRefusedException notHttp() {
        return new FetchRefusedException("not an http or https URL");
    }

    static FetchRefusedException tooManyRedirects() {
        return new FetchRefusedException("too many redirects");
    }
}
