package dev.lorekeeper.bench;

import dev.lorekeeper.testing.Anvil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The node's side of a measurement. Requests overlap (several are in flight, and batches are read ahead), so their
 * summed time says little about the wall clock: this also keeps each request's interval, to report the wall time
 * during which the node had work ({@code node_busy_ms}), and the node process's own CPU time.
 */
final class NodeClock {
    private final Anvil anvil;
    private final List<long[]> intervals = new ArrayList<>();
    private long calls;
    private long summedNanos;

    NodeClock(Anvil anvil) {
        this.anvil = anvil;
    }

    /** One answered request of {@code calls} JSON-RPC calls that took {@code nanos} until now. */
    synchronized void record(int calls, long nanos) {
        long end = System.nanoTime();
        intervals.add(new long[] {end - nanos, end});
        this.calls += calls;
        this.summedNanos += nanos;
    }

    /** Where the counters stand now. */
    synchronized Mark mark() {
        return new Mark(intervals.size(), calls, summedNanos, anvil.cpuNanos());
    }

    record Mark(int requests, long calls, long summedNanos, long cpuNanos) {}

    /** What happened since {@code from}. */
    synchronized void into(Map<String, Object> out, Mark from) {
        out.put("node_requests", (long) (intervals.size() - from.requests()));
        out.put("node_calls", calls - from.calls());
        out.put("node_ms", (summedNanos - from.summedNanos()) / 1_000_000);
        out.put("node_busy_ms", busyNanos(intervals.subList(from.requests(), intervals.size())) / 1_000_000);
        out.put("node_cpu_ms", (anvil.cpuNanos() - from.cpuNanos()) / 1_000_000);
    }

    /** The length of the union of the intervals. */
    static long busyNanos(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(i -> i[0]));
        long busy = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] i : sorted) {
            if (i[0] > end) {
                busy += end - start;
                start = i[0];
                end = i[1];
            } else {
                end = Math.max(end, i[1]);
            }
        }
        return busy + (end - start);
    }
}
