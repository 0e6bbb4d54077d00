package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseIndexTest {
    @Test
    void fastScanReturnsTheExactTopKWithExactScores() {
        Random rnd = new Random(7);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            vectors.add(unit(rnd, 384));
        }
        DenseIndex index = new DenseIndex(vectors);
        for (int q = 0; q < 20; q++) {
            float[] query = unit(rnd, 384);
            List<Scored> expected = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) {
                double dot = 0;
                for (int j = 0; j < query.length; j++) {
                    dot += vectors.get(i)[j] * query[j];
                }
                expected.add(new Scored(i, dot));
            }
            expected.sort(Comparator.comparingDouble(Scored::score).reversed());
            assertThat(index.search(query, 60)).containsExactlyElementsOf(expected.subList(0, 60));
        }
    }

    @Test
    void keepsVectorsPackedButHandsThemBackIntact() {
        List<float[]> vectors = List.of(new float[] {1, 0, 0}, new float[] {0, 0.6f, 0.8f});
        DenseIndex index = new DenseIndex(vectors);
        assertThat(index.vectors()).hasSize(2);
        assertThat(index.vectors().get(1)).containsExactly(0, 0.6f, 0.8f);
        assertThat(index.dot(new float[] {0, 1, 0}, 1)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(index.search(new float[] {0, 0, 1}, 5))
                .extracting(Scored::chunk)
                .containsExactly(1, 0);
        assertThat(new DenseIndex(List.of()).search(new float[] {1}, 5)).isEmpty();
    }

    private static float[] unit(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
            v[j] = (float) rnd.nextGaussian();
        }
        return BgeEmbedder.normalize(v);
    }
}
