package dev.lorekeeper.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a body up to a byte cap, counting while reading: never more than the cap and one byte is held. */
final class CappedBody {
    private CappedBody() {}

    static OutboundHttp.Body read(InputStream in, int maxBytes) throws IOException {
        byte[] body = readBytes(in, maxBytes);
        boolean truncated = body.length > maxBytes;
        return new OutboundHttp.Body(
                new String(body, 0, Math.min(body.length, maxBytes), StandardCharsets.UTF_8), truncated);
    }

    /** Up to {@code maxBytes} and one more: a result longer than {@code maxBytes} means the body was cut. */
    static byte[] readBytes(InputStream in, int maxBytes) throws IOException {
        return in.readNBytes(maxBytes + 1);
    }
}
