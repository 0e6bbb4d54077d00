package dev.lorekeeper.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The bot's outgoing HTTP (RPC nodes, metadata, docs pages), so the features hold no HTTP client of their own. Every
 * request has one deadline for the whole of it (name lookup, connect, headers, body, redirects) and a byte cap counted
 * while reading. A URL is fetched as {@link Trust#CONFIGURED} or {@link Trust#UNTRUSTED}; an untrusted one never
 * reaches a loopback or private address, and its failures read the same whatever is listening there.
 */
public final class OutboundHttp {
    public static final int MAX_REDIRECTS = 5;
    private static final int MAX_JSON_REPLY_BYTES = 32 * 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
    /** One connection pool and dispatcher for the whole bot; the clients below are views of it. */
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            // the call deadline is the only timeout: a per-read timeout would let a server drip bytes for ever
            .connectTimeout(Duration.ZERO)
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .followRedirects(false)
            .followSslRedirects(false)
            .socketFactory(new NoDelaySockets())
            .build();

    private final HostGuard guard;
    private final OkHttpClient untrusted;

    /** Untrusted URLs may not reach private networks. */
    public OutboundHttp() {
        this(PrivateNetworks.REFUSED);
    }

    public OutboundHttp(PrivateNetworks privateNetworks) {
        this.guard = new HostGuard(privateNetworks);
        // No proxy: a proxy would resolve the name itself and could reach what the guard refused.
        this.untrusted = SHARED.newBuilder()
                .proxy(Proxy.NO_PROXY)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** A body read up to a cap; {@code truncated} when there was more. */
    public record Body(String text, boolean truncated) {}

    /**
     * GET, following up to {@value #MAX_REDIRECTS} redirects; a non-2xx answer is an {@link IOException} naming the
     * status. For an untrusted URL, a refusal is a {@link FetchRefusedException} and any other failure is the same
     * "no answer" (or the HTTP status), so that its text tells a closed port from an open one no more than from a
     * silent one.
     */
    public Body get(Trust trust, String url, String accept, Duration timeout, int maxBytes)
            throws IOException, InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        Hop hop = Hop.first(url, trust);
        for (int redirects = 0; ; redirects++) {
            try (Response r =
                    send(hop, new Request.Builder().header("Accept", accept).get(), deadline)) {
                if (r.isRedirect()) {
                    if (redirects == MAX_REDIRECTS) {
                        throw FetchRefusedException.tooManyRedirects();
                    }
                    hop = hop.redirect(r.header("Location"));
                    continue;
                }
                requireSuccess(r, hop);
                return readBody(r, hop, maxBytes, deadline);
            }
        }
    }

    /**
     * POST a JSON body to a configured URL (an RPC node); redirects are not followed. Bytes both ways: a sweep's
     * requests and answers are megabytes of hex, and turning them into strings and back was a large share of its CPU.
     */
    public byte[] postJson(URI uri, byte[] payload, Duration timeout) throws IOException, InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        Hop hop = Hop.first(uri.toString(), Trust.CONFIGURED);
        try (Response r = send(hop, new Request.Builder().post(RequestBody.create(payload, JSON)), deadline)) {
            requireSuccess(r, hop);
            byte[] body;
            try (InputStream in = r.body().byteStream()) {
                body = CappedBody.readBytes(in, MAX_JSON_REPLY_BYTES);
            } catch (IOException e) {
                throw failure(e, hop, deadline);
            }
            if (body.length > MAX_JSON_REPLY_BYTES) {
                throw new IOException("reply larger than " + MAX_JSON_REPLY_BYTES / (1024 * 1024) + " MB");
            }
            return body;
        }
    }

    /** An answer with its status: for APIs whose error bodies say what went wrong (OAuth2's {@code invalid_grant}). */
    public record Reply(int status, Body body) {}

    /**
     * A GET (when {@code formBody} is null) or a form POST to a configured URL, with extra headers such as
     * {@code Authorization}; redirects are not followed, and any status comes back as a {@link Reply}.
     */
    public Reply configured(URI uri, Map<String, String> headers, String formBody, Duration timeout, int maxBytes)
            throws IOException, InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        Hop hop = Hop.first(uri.toString(), Trust.CONFIGURED);
        Request.Builder request = new Request.Builder();
        headers.forEach(request::header);
        if (formBody != null) {
            request.post(RequestBody.create(formBody, FORM));
        }
        try (Response r = send(hop, request, deadline)) {
            return new Reply(r.code(), readBody(r, hop, maxBytes, deadline));
        }
    }

    private Response send(Hop hop, Request.Builder request, Deadline deadline)
            throws IOException, InterruptedException {
        try {
            Call call = client(hop, deadline)
                    .newCall(request.url(target(hop, deadline)).build());
            call.timeout().timeout(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
            return call.execute();
        } catch (IOException e) {
            throw failure(e, hop, deadline);
        }
    }

    private Body readBody(Response r, Hop hop, int maxBytes, Deadline deadline)
            throws IOException, InterruptedException {
        try (InputStream in = r.body().byteStream()) {
            return CappedBody.read(in, maxBytes);
        } catch (IOException e) {
            throw failure(e, hop, deadline);
        }
    }

    /** For an untrusted hop the client connects only to the addresses the guard checked. */
    private OkHttpClient client(Hop hop, Deadline deadline) throws IOException, InterruptedException {
        if (hop.trust() == Trust.CONFIGURED) {
            return SHARED;
        }
        List<InetAddress> addresses = guard.addresses(hop.url().host(), deadline);
        return untrusted
                .newBuilder()
                .dns(new PinnedDns(hop.url().host(), addresses))
                .build();
    }

    /**
     * The URL to request: an untrusted numeric host is rewritten to the address the guard read it as, so that the
     * JDK never reads {@code 0177.0.0.1} its own way.
     */
    private static HttpUrl target(Hop hop, Deadline deadline) throws IOException {
        if (hop.trust() == Trust.CONFIGURED) {
            return hop.url();
        }
        return NumericHost.parse(hop.url().host())
                .map(a -> hop.url().newBuilder().host(a.getHostAddress()).build())
                .orElse(hop.url());
    }

    private static void requireSuccess(Response r, Hop hop) throws IOException {
        if (!r.isSuccessful()) {
            throw new IOException("HTTP " + r.code()
                    + (hop.trust() == Trust.CONFIGURED ? " from " + hop.url().host() : ""));
        }
    }

    private static IOException failure(IOException e, Hop hop, Deadline deadline) throws InterruptedException {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted while fetching");
        }
        if (e instanceof FetchRefusedException) {
            return e;
        }
        if (hop.trust() == Trust.UNTRUSTED) {
            return new IOException("no answer");
        }
        return deadline.hasPassed() ? deadline.passed() : e;
    }
}
