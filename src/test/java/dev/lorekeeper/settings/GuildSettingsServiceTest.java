package dev.lorekeeper.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.config.FeatureSwitches;
import dev.lorekeeper.config.GuildDefaults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuildSettingsServiceTest {
    /** An in-memory store; the JDBC one is covered by the store tests. */
    private static final class MapStore implements GuildSettingsStore {
        final Map<Long, Map<String, String>> rows = new HashMap<>();

        @Override
        public Map<String, String> load(long guildId) {
            return Map.copyOf(rows.getOrDefault(guildId, Map.of()));
        }

        @Override
        public void save(long guildId, String name, String value, long actorId) {
            rows.computeIfAbsent(guildId, g -> new HashMap<>()).put(name, value);
        }

        @Override
        public void remove(long guildId, String name, long actorId) {
            rows.getOrDefault(guildId, new HashMap<>()).remove(name);
        }
    }

    private final MapStore store = new MapStore();
    private final GuildSettingsService service = new GuildSettingsService(
            new GuildDefaults(
                    "111111111111111111", List.of(), null, new FeatureSwitches(true, true, false, true), null),
            store);

    @Test
    void defaultsApplyUntilOverriddenPerGuild() {
        assertThat(service.of(1).features().qa()).isFalse();
        service.set(1, Setting.QA, "on", 42);
        assertThat(service.of(1).features().qa()).isTrue();
        assertThat(service.of(2).features().qa()).isFalse();
        assertThat(service.of(2).auditChannelId()).isEqualTo("111111111111111111");
    }

    @Test
    void resetReturnsToDefault() {
        service.set(1, Setting.AUDIT_CHANNEL, "222222222222222222", 42);
        assertThat(service.of(1).auditChannelId()).isEqualTo("222222222222222222");
        service.reset(1, Setting.AUDIT_CHANNEL, 42);
        assertThat(service.of(1).auditChannelId()).isEqualTo("111111111111111111");
    }

    @Test
    void invalidValuesAreRejectedWithoutStoringAnything() {
        assertThatThrownBy(() -> service.set(1, Setting.GATING, "maybe", 42))
                .hasMessage("Not changed: feature.gating takes on or off, not 'maybe'");
        assertThatThrownBy(() -> service.set(1, Setting.QA_CHANNELS, "123, general", 42))
                .hasMessageContaining("'123' is not one");
        assertThat(store.rows).isEmpty();
    }

    @Test
    void channelListsAreNormalised() {
        service.set(1, Setting.QA_CHANNELS, "333333333333333333, 444444444444444444", 42);
        assertThat(service.of(1).qaChannelIds()).containsExactly("333333333333333333", "444444444444444444");
    }

    @Test
    void aChannelListLongerThanItsColumnIsRefusedWithItsLength() {
        String many = String.join(", ", java.util.Collections.nCopies(150, "333333333333333333"));
        assertThatThrownBy(() -> service.set(1, Setting.QA_CHANNELS, many, 42))
                .hasMessageStartingWith("Not changed: qa-channels is ")
                .hasMessageContaining("at most 2000 fit");
        assertThat(store.rows).isEmpty();
    }
}
