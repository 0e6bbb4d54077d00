package dev.lorekeeper.discorddouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.testing.Fixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway's transport: zlib-stream binary frames when the URL asks for them, plain text frames otherwise. */
class GatewayCompressionTest {
    private static final byte[] SYNC_FLUSH_SUFFIX = {0, 0, (byte) 0xFF, (byte) 0xFF};

    @RegisterExtension
    static final Fixture<DiscordDouble> discord = Fixture.of(() -> DiscordDouble.start());

    @BeforeAll
    static void start() {
        discord.get().guild("Transport");
    }

    @Test
    void zlibStreamFramesAreBinaryFromOneDeflateContextEachEndingInTheSyncFlushSuffix() throws Exception {
        try (RawGatewaySocket socket =
                new RawGatewaySocket(discord.get().gatewayUrl() + "?v=10&encoding=json&compress=zlib-stream")) {
            Inflater inflater = new Inflater();
            byte[] hello = binary(socket.next());
            assertThat(hello[0]).as("the stream opens with a zlib header").isEqualTo((byte) 0x78);
            assertThat(inflate(inflater, hello).path("op").asInt()).isEqualTo(10);

            socket.sendText(identify());
            byte[] ready = binary(socket.next());
            byte[] guildCreate = binary(socket.next());
            assertThat(inflate(inflater, ready).path("t").asText()).isEqualTo("READY");
            assertThat(inflate(inflater, guildCreate).path("t").asText()).isEqualTo("GUILD_CREATE");
            // Later frames continue the first one's stream: without its context they can't be read.
            assertThatThrownBy(() -> inflate(new Inflater(), ready)).isInstanceOf(DataFormatException.class);
        }
    }

    @Test
    void withoutTheQueryParameterFramesArePlainJsonText() throws Exception {
        try (RawGatewaySocket socket = new RawGatewaySocket(discord.get().gatewayUrl() + "?v=10&encoding=json")) {
            assertThat(socket.next())
                    .isInstanceOfSatisfying(
                            String.class,
                            hello -> assertThat(Json.parse(hello).path("op").asInt())
                                    .isEqualTo(10));
            socket.sendText(identify());
            assertThat(socket.next())
                    .isInstanceOfSatisfying(
                            String.class,
                            ready -> assertThat(Json.parse(ready).path("t").asText())
                                    .isEqualTo("READY"));
        }
        assertThat(discord.get().gatewayCompressions()).contains("none");
    }

    @Test
    void anUnknownCompressionIsRefusedRatherThanSentUndecodable() throws Exception {
        try (RawGatewaySocket socket =
                new RawGatewaySocket(discord.get().gatewayUrl() + "?v=10&compress=zstd-stream")) {
            assertThat(socket.awaitClose()).isEqualTo(1003);
        }
    }

    private static String identify() {
        return Json.write(Json.obj("op", 2, "d", Json.obj("token", discord.get().token(), "intents", 0)));
    }

    private static byte[] binary(Object frame) {
        assertThat(frame).isInstanceOf(byte[].class);
        byte[] bytes = (byte[]) frame;
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length)).isEqualTo(SYNC_FLUSH_SUFFIX);
        return bytes;
    }

    private static JsonNode inflate(Inflater inflater, byte[] frame) throws DataFormatException {
        inflater.setInput(frame);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = inflater.inflate(buf);
            out.write(buf, 0, n);
        } while (n > 0);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }
}
