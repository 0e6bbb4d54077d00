package dev.lorekeeper.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * The one way a route reads a request body. Javalin's {@code ctx.body()} checks only a declared Content-Length, so
 * a chunked body would be read whole into memory; this reads at most the cap, within the deadline, however the
 * body is framed.
 */
public final class RequestBody {
    static final Key<HttpLimits> LIMITS = new Key<>("lorekeeper-http-limits");

    private RequestBody() {}

    public static byte[] read(Context ctx) throws IOException {
        HttpLimits limits = ctx.appData(LIMITS);
        int cap = limits.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > cap) {
            throw tooLarge(cap);
        }
        long deadline = System.nanoTime() + limits.bodyDeadline().toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 512);
        byte[] buffer = new byte[4096];
        try {
            InputStream in = ctx.req().getInputStream();
            // Asking for one byte past the cap is how an over-long body is told from one that ends exactly there.
            for (int n; (n = in.read(buffer, 0, Math.min(buffer.length, cap + 1 - body.size()))) >= 0; ) {
                body.write(buffer, 0, n);
                if (body.size() > cap) {
                    throw tooLarge(cap);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw tooSlow();
                }
            }
        } catch (BadMessageException e) {
            throw tooSlow(); // Jetty's minimum data rate
        } catch (IOException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw tooSlow(); // the connection's idle timeout, mid-body
            }
            throw e;
        }
        return body.toByteArray();
    }

    private static RequestRejected tooLarge(int cap) {
        return new RequestRejected(413, "The request body is too large (at most " + cap + " bytes).");
    }

    private static RequestRejected tooSlow() {
        return new RequestRejected(408, "The request body arrived too slowly.");
    }
}
