package dev.lorekeeper.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Exact cosine search over unit vectors: a few thousand chunks need no approximate index. */
public final class DenseIndex {
    private final float[][] vectors;

    public DenseIndex(List<float[]> vectors) {
        this.vectors = vectors.toArray(new float[0][]);
    }

    public List<Scored> search(float[] query, int k) {
        PriorityQueue<Scored> top = new PriorityQueue<>((a, b) -> Double.compare(a.score(), b.score()));
        for (int i = 0; i < vectors.length; i++) {
            float[] v = vectors[i];
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * query[j];
            }
            top.add(new Scored(i, dot));
            if (top.size() > k) {
                top.poll();
            }
        }
        List<Scored> out = new ArrayList<>(top);
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }
}
