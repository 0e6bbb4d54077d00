package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.Refusal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routing and the member's reply when a handler fails, without Discord. */
class InteractionRouterTest {
    static final List<SlashCommand> COMMANDS =
            List.of(new SettingsCommand(null), new AboutCommand(List.of(), null, "test"));

    @Test
    void buttonsGoToTheCommandTheirIdNames() {
        InteractionRouter router = new InteractionRouter(COMMANDS, InteractionObserver.NONE);
        assertThat(router.owner(ComponentId.parse("about:more"))).isSameAs(COMMANDS.get(1));
        assertThatThrownBy(() -> router.owner(ComponentId.parse("gone:click:1")))
                .isInstanceOf(Refusal.class)
                .hasMessage("This button belongs to something that no longer exists.");
        assertThatThrownBy(() -> router.owner(Optional.empty())).isInstanceOf(Refusal.class);
    }

    @Test
    void twoCommandsWithOneNameAreABugCaughtAtStartUp() {
        assertThatThrownBy(() -> new InteractionRouter(
                        List.of(new SettingsCommand(null), new SettingsCommand(null)), InteractionObserver.NONE))
                .hasMessage("two commands are named /settings");
    }

    @Test
    void aRefusalIsShownAsWrittenAndAnythingElseAsAnApologyWithAReference() {
        assertThat(InteractionRouter.run(() -> {}, () -> "r")).isEmpty();
        InteractionRouter.Failure refused = InteractionRouter.run(
                        () -> {
                            throw new Refusal("Link a wallet first.");
                        },
                        () -> "unused")
                .orElseThrow();
        assertThat(refused.text()).isEqualTo("Link a wallet first.");
        assertThat(refused.cause()).isNull();
        InteractionRouter.Failure bug = InteractionRouter.run(
                        () -> {
                            throw new IllegalArgumentException("Fix these: internal detail");
                        },
                        () -> "abc12345")
                .orElseThrow();
        assertThat(bug.text())
                .startsWith("Something went wrong on my side (ref `abc12345`)")
                .doesNotContain("internal detail");
        assertThat(bug.cause()).isInstanceOf(IllegalArgumentException.class);
    }
}
