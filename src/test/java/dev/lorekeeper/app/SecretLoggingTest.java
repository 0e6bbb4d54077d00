package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.testing.TestBot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretLoggingTest {
    @Test
    void configuredTokenNeverAppearsInLogOutput() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
        String pattern = ((PatternLayoutEncoder) console.getEncoder()).getPattern();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(pattern);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        root.addAppender(appender);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (TestBot bot = TestBot.start()) {
            FakeGuild guild = bot.discord.guild("Secrets");
            bot.discord.awaitBotReady(guild);
            guild.member("eve").runs("/about").reply();
            // A careless log line quoting the token must be masked too.
            LoggerFactory.getLogger("careless").warn("token is {}", bot.discord.token(),
                    new IllegalStateException("failed with " + bot.discord.token()));
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("Login Successful", "token is ****", "failed with ****");
            assertThat(log).doesNotContain(bot.discord.token());
        } finally {
            root.setLevel(before);
            root.detachAppender(appender);
        }
    }
}
