package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryRecallTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static Memory memory(long id, String text, int importance, Duration ago) {
        return new Memory(id, "choice", text, importance, NOW.minus(ago));
    }

    @Test
    void relevantImportantAndRecentMemoriesWinWithinTheTokenBudgetInTheOrderTheyHappened() {
        List<Memory> all = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            all.add(memory(i, "Walked along the road and saw nothing unusual, day " + i, 2, Duration.ofHours(200 - i)));
        }
        all.add(memory(100, "Defeated the Rust Knight at the Ashen Bridge", 9, Duration.ofDays(30)));
        all.add(memory(101, "Bought bread at the market", 1, Duration.ofMinutes(5)));
        all.sort(java.util.Comparator.comparing(Memory::createdAt));

        List<Memory> recalled = new MemoryRecall(60).recall(all, "the rust knight is back", NOW);
        assertThat(recalled).extracting(Memory::id).contains(100L);
        assertThat(recalled.stream()
                        .mapToInt(m -> MemoryRecall.tokens(m.text()))
                        .sum())
                .isLessThanOrEqualTo(60);
        assertThat(recalled).isSortedAccordingTo(java.util.Comparator.comparingLong(Memory::id));
        assertThat(recalled.size()).isLessThan(all.size());
    }

    @Test
    void withoutAnyMatchRecencyAndImportanceDecide() {
        List<Memory> all = List.of(
                memory(1, "An old small thing", 1, Duration.ofDays(60)),
                memory(2, "A recent life-changing thing", 10, Duration.ofMinutes(1)));
        assertThat(new MemoryRecall(10).recall(all, "zzz", NOW))
                .extracting(Memory::id)
                .containsExactly(2L);
        assertThat(new MemoryRecall(400).recall(List.of(), "anything", NOW)).isEmpty();
    }
}
