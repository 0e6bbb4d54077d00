package dev.lorekeeper.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves the host of an untrusted URL once and checks every address it resolves to. The caller connects to exactly
 * these addresses, so a name can not resolve to a public address for the check and to 127.0.0.1 for the connection
 * (DNS rebinding).
 */
final class HostGuard {
    /**
     * Name lookups can not be interrupted, so they run here and the fetch stops waiting at its deadline; few threads,
     * so that names that never resolve can not pile up threads.
     */
    private static final ExecutorService RESOLVER = resolver();

    private final PrivateNetworks privateNetworks;

    HostGuard(PrivateNetworks privateNetworks) {
        this.privateNetworks = privateNetworks;
    }

    /** The addresses to connect to; refused when any of them is not public (unless private networks are allowed). */
    List<InetAddress> addresses(String host, Deadline deadline) throws IOException, InterruptedException {
        Optional<InetAddress> literal = NumericHost.parse(host);
        List<InetAddress> all = literal.isPresent() ? List.of(literal.get()) : lookUp(host, deadline);
        // One private address is enough to refuse: a name that answers with both is how rebinding is usually tried.
        if (privateNetworks == PrivateNetworks.REFUSED && !all.stream().allMatch(PublicAddresses::isPublic)) {
            throw FetchRefusedException.privateAddress();
        }
        return all;
    }

    private static List<InetAddress> lookUp(String host, Deadline deadline) throws IOException, InterruptedException {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        CompletableFuture<List<InetAddress>> lookup = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return List.of(InetAddress.getAllByName(name));
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                RESOLVER);
        try {
            return lookup.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(false);
            throw deadline.passed();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static ExecutorService resolver() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lorekeeper-untrusted-dns");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
