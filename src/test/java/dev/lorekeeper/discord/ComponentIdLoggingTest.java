package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A verify session's token rides in its buttons' ids: nothing that logs an id may print it. */
class ComponentIdLoggingTest {
    static final String TOKEN = "Zk3vQ9yTn0eW8bXc2LmA";

    @Test
    void verifyTokensInComponentIdsNeverReachTheLog() {
        ComponentId id = ComponentId.of("verify", "signature", TOKEN, "nonce123");
        assertThat(InteractionRouter.loggable(Optional.of(id)))
                .isEqualTo("verify:signature")
                .doesNotContain(TOKEN);
        assertThat(id.toString()).isEqualTo("verify:signature (2 args)").doesNotContain(TOKEN);
        assertThat(ComponentId.parse(id.encode())).contains(id);
    }
}
