package dev.lorekeeper.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A part a test class starts once and stops after its last test (a node, a bot, a server), held by a
 * {@code @RegisterExtension static final} field instead of a static field that {@code @BeforeAll} assigns. A fixture that
 * uses another is ordered after it with {@code @Order} (JUnit's own order of registered fields is deliberately
 * unspecified), and they stop in reverse. Fixtures start before the class's {@code @BeforeAll} methods run.
 */
public final class Fixture<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    /** Starts the part; it may fail with any exception, which fails the test class loudly. */
    @FunctionalInterface
    public interface Start<T> {
        T start() throws Exception;
    }

    private final Start<T> start;
    private T value;

    private Fixture(Start<T> start) {
        this.start = start;
    }

    public static <T extends AutoCloseable> Fixture<T> of(Start<T> start) {
        return new Fixture<>(start);
    }

    public T get() {
        if (value == null) {
            throw new IllegalStateException("the fixture is used before its test class started it");
        }
        return value;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        value = start.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (value != null) {
            value.close();
            value = null;
        }
    }
}
