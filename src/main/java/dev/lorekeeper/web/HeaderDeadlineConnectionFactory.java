package dev.lorekeeper.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers are not complete within the deadline. Jetty's idle timeout
 * restarts with every byte, so without this a client sending one header byte every few seconds (slowloris) keeps
 * its connection for hours, and enough such clients use up the server's connections.
 */
final class HeaderDeadlineConnectionFactory extends HttpConnectionFactory {
    private final long deadlineNanos;
    private final long checkEveryNanos;

    HeaderDeadlineConnectionFactory(HttpConfiguration config, Duration deadline) {
        super(config);
        this.deadlineNanos = deadline.toNanos();
        this.checkEveryNanos = Math.max(1, deadlineNanos / 4);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Connection connection = super.newConnection(connector, endPoint);
        if (connection instanceof HttpConnection http) {
            watch(connector.getScheduler(), http);
        }
        return connection;
    }

    private void watch(Scheduler scheduler, HttpConnection connection) {
        scheduler.schedule(
                () -> {
                    EndPoint endPoint = connection.getEndPoint();
                    if (!endPoint.isOpen()) {
                        return;
                    }
                    if (headersOverdue(connection.getParser())) {
                        endPoint.close();
                        return;
                    }
                    watch(scheduler, connection);
                },
                checkEveryNanos,
                TimeUnit.NANOSECONDS);
    }

    /** In the start state the connection waits between requests: that is the idle timeout's business. */
    private boolean headersOverdue(HttpParser parser) {
        return !parser.isStart() && parser.inHeaderState() && NanoTime.since(parser.getBeginNanoTime()) > deadlineNanos;
    }
}
