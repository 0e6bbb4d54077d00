package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.neovisionaries.ws.client.WebSocketError;
import com.neovisionaries.ws.client.WebSocketException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Response;
import org.junit.jupiter.api.Test;

/** The causes a start-up against Discord can fail with, each in a few words (the end-to-end cases are in app). */
class UnreachableTest {
    @Test
    void timeoutsReadAsTimedOut() {
        assertThat(Unreachable.reason(new SocketTimeoutException("Read timed out")))
                .isEqualTo("timed out");
        assertThat(Unreachable.reason(new HttpTimeoutException("request timed out")))
                .isEqualTo("timed out");
        assertThat(Unreachable.reason(new IllegalStateException(new WebSocketException(
                        WebSocketError.SOCKET_CONNECT_ERROR,
                        "Failed to connect to 'gateway.example:443'",
                        new SocketTimeoutException("Connect timed out")))))
                .isEqualTo("timed out");
    }

    @Test
    void okHttpsWrappedRefusalReadsAsConnectionRefused() {
        ConnectException okHttp = new ConnectException("Failed to connect to /127.0.0.1:1");
        okHttp.initCause(new ConnectException("Connection refused"));
        assertThat(Unreachable.reason(okHttp)).isEqualTo("connection refused");
    }

    @Test
    void restFailureAgainstDiscordItselfSuggestsTheNetworkFirst() {
        ErrorResponseException e = ErrorResponseException.create(
                ErrorResponse.SERVER_ERROR, new Response(new UnknownHostException("discord.com"), Set.of()));
        assertThat(Unreachable.rest(null, e))
                .hasMessage("cannot reach Discord at discord.com: DNS lookup failed "
                        + "(check the network or discord.api-base-url)");
    }

    @Test
    void gatewayThatNeverOpensNamesTheWait() {
        assertThat(Unreachable.gateway("wss://gateway.discord.gg", false, null, 30))
                .hasMessage("cannot reach the "
                        + "Discord gateway at wss://gateway.discord.gg: no connection within 30 s (check the network or "
                        + "discord.gateway-url)");
        assertThat(Unreachable.gateway("ws://10.0.0.1:9", true, new SocketTimeoutException("connect timed out"), 30))
                .hasMessage(
                        "cannot reach the Discord gateway at ws://10.0.0.1:9: timed out (check discord.gateway-url)");
    }
}
