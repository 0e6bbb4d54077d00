package dev.lorekeeper.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's session controller, with two additions. It hands out {@code discord.gateway-url} when that is set (JDA
 * otherwise asks Discord's {@code /gateway/bot} for the first connection and uses the override only to reconnect).
 * And it reports how the first gateway connection went: JDA retries a gateway it cannot reach every few seconds for
 * ever, logging a stack trace each time, while an operator starting the bot wants one line saying why.
 */
final class GatewaySessions extends SessionControllerAdapter implements EventListener {
    private final String configuredUrl;
    private final int shardsTotal;
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private volatile String url;

    GatewaySessions(String configuredUrl, int shardsTotal) {
        this.configuredUrl = configuredUrl;
        this.shardsTotal = shardsTotal;
        this.url = configuredUrl;
    }

    @Override
    public String getGateway() {
        return configuredUrl != null ? configuredUrl : super.getGateway();
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway gateway =
                configuredUrl != null ? new ShardedGateway(configuredUrl, shardsTotal) : super.getShardedGateway(api);
        url = gateway.getUrl();
        return gateway;
    }

    @Override
    public void appendSession(SessionConnectNode node) {
        super.appendSession(firstConnection.isDone() || node instanceof Watched ? node : new Watched(node));
    }

    @Override
    public void removeSession(SessionConnectNode node) {
        connectQueue.removeIf(n -> n.equals(node) || n instanceof Watched w && w.node.equals(node));
    }

    /** The websocket is open once JDA starts identifying on it. */
    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof StatusChangeEvent e && e.getNewStatus() == JDA.Status.IDENTIFYING_SESSION) {
            firstConnection.complete(null);
        }
    }

    /** Returns once a gateway connection opened; throws with the cause when the first attempt failed or hung. */
    void awaitFirstConnection(Duration deadline) throws InterruptedException {
        try {
            firstConnection.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw Unreachable.gateway(url, configuredUrl != null, e.getCause(), deadline.toSeconds());
        } catch (TimeoutException e) {
            throw Unreachable.gateway(url, configuredUrl != null, null, deadline.toSeconds());
        }
    }

    /** A connect attempt made before any connection opened: its failure ends start-up instead of a retry. */
    private final class Watched implements SessionConnectNode {
        final SessionConnectNode node;

        Watched(SessionConnectNode node) {
            this.node = node;
        }

        @Override
        public boolean isReconnect() {
            return node.isReconnect();
        }

        @Override
        public JDA getJDA() {
            return node.getJDA();
        }

        @Override
        public JDA.ShardInfo getShardInfo() {
            return node.getShardInfo();
        }

        @Override
        public void run(boolean isLast) throws InterruptedException {
            try {
                node.run(isLast);
            } catch (IllegalStateException e) {
                if (!firstConnection.completeExceptionally(e.getCause() != null ? e.getCause() : e)) {
                    throw e;
                }
            }
        }
    }
}
