package dev.lorekeeper.chain;

/** Hears about every HTTP request to a node, for metrics and benchmarks. */
@FunctionalInterface
public interface RpcObserver {
    RpcObserver NONE = (chain, calls, ok, nanos) -> {};

    void request(String chain, int calls, boolean ok, long nanos);
}
