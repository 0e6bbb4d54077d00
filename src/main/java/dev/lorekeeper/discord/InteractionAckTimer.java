package dev.lorekeeper.discord;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.TimeUtil;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Times each interaction's acknowledgement where it truly happens: Discord accepting the callback request. Every
 * reply path acknowledges through that one route, so no command has to remember to record it.
 */
final class InteractionAckTimer implements Interceptor {
    private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d{1,20})/[^/]+/callback$");

    private final Timer acks;
    private final Clock clock;

    InteractionAckTimer(MeterRegistry registry, Clock clock) {
        this.acks = Timer.builder("lorekeeper.interaction.ack")
                .description("From Discord creating an interaction to Discord accepting the bot's acknowledgement")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Matcher callback = CALLBACK.matcher(chain.request().url().encodedPath());
        if (response.isSuccessful() && callback.find()) {
            long interactionId = Long.parseUnsignedLong(callback.group(1));
            acks.record(Duration.between(TimeUtil.getTimeCreated(interactionId).toInstant(), clock.instant()));
        }
        return response;
    }
}
