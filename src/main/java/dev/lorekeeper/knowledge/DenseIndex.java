package dev.lorekeeper.knowledge;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact cosine search over unit vectors: a few thousand chunks need no approximate index. The vectors sit in one
 * contiguous array (one object instead of one per chunk, read in order by the scan), and the top {@code k} are kept
 * in a small heap of primitives, so a search allocates almost nothing.
 */
public final class DenseIndex {
    private static final int SLACK = 16;

    private final float[] data;
    private final int dim;
    private final int size;

    public DenseIndex(List<float[]> vectors) {
        this.size = vectors.size();
        this.dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        this.data = new float[size * dim];
        for (int i = 0; i < size; i++) {
            float[] v = vectors.get(i);
            if (v.length != dim) {
                throw new IllegalArgumentException("vector " + i + " has " + v.length + " dimensions, not " + dim);
            }
            System.arraycopy(v, 0, data, i * dim, dim);
        }
    }

    public int size() {
        return size;
    }

    /** The stored vectors, each copied out on access (they are kept packed, not as arrays of their own). */
    public List<float[]> vectors() {
        return new AbstractList<>() {
            @Override
            public float[] get(int i) {
                return Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * Cosine of the query with chunk {@code i} (both unit vectors), summed in order in double precision: the exact
     * figure that ranks and that the refusal evidence uses.
     */
    public double dot(float[] query, int i) {
        int off = i * dim;
        double dot = 0;
        for (int j = 0; j < dim; j++) {
            dot += data[off + j] * query[j];
        }
        return dot;
    }

    public List<Scored> search(float[] query, int k) {
        if (query.length != dim && size > 0) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, not " + dim);
        }
        if (k <= 0 || size == 0) {
            return List.of();
        }
        // The scan uses the fast float sum to pick a few more than k; those are then scored exactly, so the result
        // is the one an exact scan gives (the float sum is off by about 1e-7: it can swap near-equal neighbours,
        // never push one of the true top k past the extra slots).
        int cap = Math.min(k + SLACK, size);
        // A min-heap on score: the root is the weakest of the best so far, replaced when a better one comes.
        double[] scores = new double[cap];
        int[] ids = new int[cap];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double s = dotAt(query, i * dim);
            if (n < cap) {
                scores[n] = s;
                ids[n] = i;
                siftUp(scores, ids, n++);
            } else if (s > scores[0]) {
                scores[0] = s;
                ids[0] = i;
                siftDown(scores, ids, n);
            }
        }
        List<Scored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Scored(ids[i], dot(query, ids[i])));
        }
        // Best first; equal scores keep the earlier chunk first, as a stable scan would.
        out.sort((a, b) ->
                a.score() != b.score() ? Double.compare(b.score(), a.score()) : Integer.compare(a.chunk(), b.chunk()));
        return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
    }

    /**
     * Eight independent float sums, so the multiply-adds of one step need not wait for the previous one; the
     * rounding differs from the exact sum by about 1e-7, so it only picks candidates.
     */
    private double dotAt(float[] q, int off) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        float[] d = data;
        int j = 0;
        for (; j + 7 < dim; j += 8) {
            int o = off + j;
            s0 += q[j] * d[o];
            s1 += q[j + 1] * d[o + 1];
            s2 += q[j + 2] * d[o + 2];
            s3 += q[j + 3] * d[o + 3];
            s4 += q[j + 4] * d[o + 4];
            s5 += q[j + 5] * d[o + 5];
            s6 += q[j + 6] * d[o + 6];
            s7 += q[j + 7] * d[o + 7];
        }
        for (; j < dim; j++) {
            s0 += q[j] * d[off + j];
        }
        return ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
    }

    private static void siftUp(double[] s, int[] ids, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (s[parent] <= s[i]) {
                return;
            }
            swap(s, ids, parent, i);
            i = parent;
        }
    }

    private static void siftDown(double[] s, int[] ids, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int m = l + 1 < n && s[l + 1] < s[l] ? l + 1 : l;
            if (s[i] <= s[m]) {
                return;
            }
            swap(s, ids, i, m);
            i = m;
        }
    }

    private static void swap(double[] s, int[] ids, int a, int b) {
        double t = s[a];
        s[a] = s[b];
        s[b] = t;
        int u = ids[a];
        ids[a] = ids[b];
        ids[b] = u;
    }
}
