package dev.lorekeeper.chain;

import java.util.List;

/** One JSON-RPC call, for batches. */
public record RpcRequest(String method, List<Object> params) {
    public static RpcRequest of(String method, Object... params) {
        return new RpcRequest(method, List.of(params));
    }
}
