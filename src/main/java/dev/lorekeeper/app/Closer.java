package dev.lorekeeper.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes what was opened, newest first, so that nothing outlives what it uses. */
final class Closer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Closer.class);
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            AutoCloseable c = open.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
