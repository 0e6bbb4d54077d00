package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaceEstimateTest {
    static final PaceEstimate TEN = new PaceEstimate(10);

    @Test
    void timeFollowsThePaceOfTenChangesPerTenSeconds() {
        assertThat(TEN.duration(0)).isEqualTo(Duration.ZERO);
        assertThat(TEN.duration(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TEN.duration(9)).isEqualTo(Duration.ofSeconds(9));
        assertThat(TEN.duration(10)).isEqualTo(Duration.ofSeconds(10));
        assertThat(TEN.duration(11)).isEqualTo(Duration.ofSeconds(11));
        assertThat(TEN.duration(3600)).isEqualTo(Duration.ofHours(1));
        assertThat(new PaceEstimate(3).duration(1))
                .as("a partial second counts whole")
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(new PaceEstimate(5).duration(3600)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void plansSayHowManyRolesAndHowLong() {
        assertThat(TEN.plan(0, 0)).isEqualTo("No role changes needed.");
        assertThat(TEN.plan(1, 0)).isEqualTo("1 role to add, under a minute at Discord's pace.");
        assertThat(TEN.plan(9, 0)).isEqualTo("9 roles to add, under a minute at Discord's pace.");
        assertThat(TEN.plan(10, 1)).isEqualTo("10 roles to add and 1 to remove, under a minute at Discord's pace.");
        assertThat(TEN.plan(0, 11)).isEqualTo("11 roles to remove, under a minute at Discord's pace.");
        assertThat(TEN.plan(3600, 0))
                .isEqualTo(
                        "3,600 roles to add, about 1 h at Discord's pace; members who run /verify meanwhile go first.");
        assertThat(TEN.plan(38_000, 112))
                .isEqualTo("38,000 roles to add and 112 to remove, about 11 h at Discord's pace; "
                        + "members who run /verify meanwhile go first.");
    }

    @Test
    void durationsReadInMinutesHoursOrDays() {
        assertThat(PaceEstimate.about(Duration.ofSeconds(59))).isEqualTo("under a minute");
        assertThat(PaceEstimate.about(Duration.ofSeconds(60))).isEqualTo("about 1 minute");
        assertThat(PaceEstimate.about(Duration.ofSeconds(89))).isEqualTo("about 1 minute");
        assertThat(PaceEstimate.about(Duration.ofSeconds(90))).isEqualTo("about 2 minutes");
        assertThat(PaceEstimate.about(Duration.ofMinutes(59))).isEqualTo("about 59 minutes");
        assertThat(PaceEstimate.about(Duration.ofMinutes(60))).isEqualTo("about 1 h");
        assertThat(PaceEstimate.about(Duration.ofMinutes(100))).isEqualTo("about 1 h 40 min");
        assertThat(PaceEstimate.about(Duration.ofMinutes(128)))
                .as("to five minutes")
                .isEqualTo("about 2 h 10 min");
        assertThat(PaceEstimate.about(Duration.ofMinutes(9 * 60 + 58))).isEqualTo("about 10 h");
        assertThat(PaceEstimate.about(Duration.ofSeconds(38_112))).isEqualTo("about 11 h");
        assertThat(PaceEstimate.about(Duration.ofHours(47))).isEqualTo("about 47 h");
        assertThat(PaceEstimate.about(Duration.ofHours(60))).isEqualTo("about 3 days");
    }

    @Test
    void anEtaSentencePromisesVerifyingMembersGoFirstOnlyWhenThereIsAWait() {
        assertThat(TEN.eta(0)).isEmpty();
        assertThat(TEN.eta(11)).isEqualTo("Under a minute at Discord's pace.");
        assertThat(TEN.eta(600))
                .isEqualTo("About 10 minutes at Discord's pace; members who run /verify meanwhile go first.");
    }

    @Test
    void auditSummaryNamesTheSyncAndTheRole() {
        assertThat(TEN.summary(SyncKind.RESYNC, 42, 1203, 12))
                .isEqualTo("Resync of <@&42>: 1,203 to add, 12 to remove (about 20 minutes at Discord's pace)");
        assertThat(TEN.summary(SyncKind.NEW_GATE, 7, 0, 0))
                .isEqualTo("New gate of <@&7>: 0 to add, 0 to remove (under a minute at Discord's pace)");
    }

    @Test
    void aPaceOfZeroIsRefused() {
        assertThatThrownBy(() -> new PaceEstimate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
