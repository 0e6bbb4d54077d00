package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusal threshold is fitted between training questions, never on one of them. */
class RefusalModelTest {
    @Test
    void aQuestionScoredAHairDifferentlyDoesNotFlipSides() {
        List<Evidence> covered = new ArrayList<>();
        List<Evidence> notCovered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            covered.add(new Evidence(0.6 + i * 0.005, 0.05, 1, 0.5 + i * 0.01));
            notCovered.add(new Evidence(0.3 + i * 0.005, 0.01, 0, 0.1 + i * 0.01));
        }
        RefusalModel model = RefusalModel.fit(covered, notCovered);
        for (Evidence e : covered) {
            boolean side = model.covered(e);
            Evidence nudged = new Evidence(e.similarity() - 1e-9, e.margin(), e.agreement(), e.coverage() - 1e-9);
            assertThat(model.covered(nudged)).as("%s nudged", e).isEqualTo(side);
        }
        assertThat(covered.stream().filter(model::covered).count()).isGreaterThanOrEqualTo(38);
        assertThat(notCovered.stream().filter(model::covered).count()).isLessThanOrEqualTo(4);
    }

    @Test
    void theCutIsHalfwayIntoTheGapBelow() {
        double[] scores = {-2, -1, -1, 0.5, 3};
        assertThat(RefusalModel.cutBelow(scores, 0.5)).isEqualTo(-0.25);
        assertThat(RefusalModel.cutBelow(scores, -1)).isEqualTo(-1.5);
        assertThat(RefusalModel.cutBelow(scores, -2)).isEqualTo(-3);
    }
}
