package dev.lorekeeper.discord;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.lorekeeper.config.DiscordConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDA client: built from config, with Discord's endpoints overridable for proxies and the test double. */
public final class DiscordBot implements AutoCloseable {
    /** Caches the bot never reads. */
    private static final EnumSet<CacheFlag> UNUSED_CACHES = EnumSet.of(
            CacheFlag.VOICE_STATE,
            CacheFlag.EMOJI,
            CacheFlag.STICKER,
            CacheFlag.SCHEDULED_EVENTS,
            CacheFlag.ACTIVITY,
            CacheFlag.CLIENT_STATUS,
            CacheFlag.ONLINE_STATUS,
            CacheFlag.SOUNDBOARD_SOUNDS);

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    /** How long start-up waits for the first gateway connection to open before it gives up with the cause. */
    private static final Duration FIRST_CONNECTION = Duration.ofSeconds(30);

    private static final int WEBSOCKET_CONNECT_TIMEOUT_MS = 10_000;

    private final DiscordConfig config;
    private final ExecutorService eventPool;
    private final GatewaySessions sessions;
    private final InteractionAckTimer ackTimer;
    // Set once by start(): features get this client before it connects, since their listeners are what it starts with.
    private volatile ShardManager shardManager;

    public DiscordBot(DiscordConfig config, int eventThreads, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.ackTimer = new InteractionAckTimer(registry, clock);
        this.sessions = new GatewaySessions(config.gatewayUrl(), config.shards().total());
        this.eventPool = Executors.newFixedThreadPool(eventThreads, daemonThreads("lorekeeper-event-"));
    }

    /** Intents are the minimum the features need; message content only when the bot answers mentions. */
    public static EnumSet<GatewayIntent> intents(DiscordConfig config) {
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MESSAGES);
        if (config.mentionAnswering()) {
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        }
        return intents;
    }

    /** Connects, with every listener of every feature. */
    public void start(List<EventListener> listeners) {
        if (config.token().isEmpty()) {
            throw new IllegalStateException("discord.token is empty: set the DISCORD_TOKEN environment variable "
                    + "to your bot's token (Discord Developer Portal > your application > Bot > Reset Token)");
        }
        // Generated text must never ping @everyone, roles or users unless a feature explicitly allows it.
        MessageRequest.setDefaultMentions(EnumSet.noneOf(MentionType.class));
        MessageRequest.setDefaultMentionRepliedUser(false);
        // One code path for one shard or many: a ShardManager with a single shard is a single gateway connection.
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.create(config.token(), intents(config))
                .setSessionController(sessions)
                .addEventListeners(sessions)
                .setWebsocketFactory(new WebSocketFactory().setConnectionTimeout(WEBSOCKET_CONNECT_TIMEOUT_MS))
                .setShardsTotal(config.shards().total())
                .setShards(config.shards().idList())
                .disableCache(UNUSED_CACHES)
                // No member list before READY, and none kept: a server of 250,000 members would hold READY back
                // for its 250 chunks and cost hundreds of MB. Role sync reads one member over REST, and a sweep
                // streams the list once (JdaRoleOps), which is cheap to do again.
                .setChunkingFilter(ChunkingFilter.NONE)
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .setEventPool(eventPool, false)
                .setHttpClientBuilder(new OkHttpClient.Builder().addInterceptor(ackTimer))
                // zlib-stream, as JDA's default; the test double speaks it, so tests run production's transport.
                .setCompression(Compression.ZLIB)
                .addEventListeners(listeners.toArray());
        if (config.apiBaseUrl() != null) {
            builder.setRestConfig(restConfig());
        }
        if (config.gatewayUrl() != null) {
            builder.setSessionController(fixedGateway());
        }
        try {
            shardManager = builder.build();
        } catch (InvalidTokenException e) {
            throw Unreachable.invalidToken(e);
        } catch (ErrorResponseException e) {
            throw Unreachable.rest(config.apiBaseUrl(), e);
        }
        try {
            sessions.awaitFirstConnection(FIRST_CONNECTION);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to the Discord gateway", e);
        }
    }

    /** Where REST calls go when {@code discord.api-base-url} points somewhere other than Discord (tests, proxies). */
    private RestConfig restConfig() {
        String base = config.apiBaseUrl().endsWith("/") ? config.apiBaseUrl() : config.apiBaseUrl() + "/";
        return new RestConfig().setBaseUrl(base);
    }

    /** The session controller, which already hands out {@code discord.gateway-url}. */
    private SessionControllerAdapter fixedGateway() {
        return sessions;
    }

    /** The first shard of this process (the only one unless sharded). */
    public JDA jda() {
        return shardManager == null
                ? null
                : shardManager.getShardById(config.shards().idList().get(0));
    }

    /** A server this process can see, whichever shard it is on. */
    public Guild guild(long id) {
        return shardManager == null ? null : shardManager.getGuildById(id);
    }

    /** Every gateway connection of this process is up. */
    public boolean connected() {
        return shardManager != null
                && shardManager.getStatuses().values().stream().allMatch(s -> s == JDA.Status.CONNECTED);
    }

    @Override
    public void close() {
        if (shardManager != null) {
            List<JDA> shards = List.copyOf(shardManager.getShards());
            shardManager.shutdown();
            // Wait for the sessions to close, so that a restart in the same process starts clean.
            for (JDA shard : shards) {
                try {
                    if (!shard.awaitShutdown(10, TimeUnit.SECONDS)) {
                        shard.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    shard.shutdownNow();
                }
            }
        }
        eventPool.shutdown();
        log.info("discord client stopped");
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
