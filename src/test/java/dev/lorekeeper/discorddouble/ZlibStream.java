package dev.lorekeeper.discorddouble;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Discord's zlib-stream transport compression: one deflate context for the whole connection, so later messages
 * refer back to earlier ones and the client must inflate them in order with one inflater. Each message is flushed
 * with SYNC_FLUSH, which ends it in {@code 00 00 FF FF}: the suffix JDA's ZlibDecompressor waits for before it
 * inflates what it has buffered.
 */
final class ZlibStream {
    static final String QUERY_VALUE = "zlib-stream";

    private final Deflater deflater = new Deflater();
    private final byte[] chunk = new byte[8192];

    synchronized byte[] deflate(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 16);
        int n;
        // A full buffer may hide more flushed output: call again until a call leaves room to spare.
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        return out.toByteArray();
    }

    /** Frees the native context; the connection is gone. */
    synchronized void end() {
        deflater.end();
    }
}
