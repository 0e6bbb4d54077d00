package dev.lorekeeper.app;

import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcException;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.config.ChainConfig;
import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.LorekeeperConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config check --online}: asks every RPC URL which chain it serves. A URL for the wrong network would make
 * every balance read wrong without a single error, so a mismatch is an error, as is a URL that does not answer.
 */
final class OnlineChecks {
    private OnlineChecks() {}

    static List<ConfigProblem> chainIds(LorekeeperConfig c) {
        List<ConfigProblem> out = new ArrayList<>();
        for (Map.Entry<String, ChainConfig> e : c.chains().entrySet()) {
            ChainConfig chain = e.getValue();
            for (int i = 0; i < chain.rpcUrls().size(); i++) {
                String path = "chains." + e.getKey() + ".rpc-urls[" + i + "]";
                check(path, e.getKey(), chain, chain.rpcUrls().get(i)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<ConfigProblem> check(String path, String name, ChainConfig chain, String url) {
        try {
            RpcClient rpc = new RpcClient(name, List.of(url), chain.timeout(), RpcObserver.NONE);
            long reported =
                    new BigInteger(rpc.call("eth_chainId").asText("0x0").replaceFirst("^0x", ""), 16).longValueExact();
            if (chain.chainId() != null && reported != chain.chainId()) {
                return Optional.of(new ConfigProblem(
                        path,
                        "serves chain id " + reported + ", but chains."
                                + name + ".chain-id is " + chain.chainId() + ": the URL is for another network, or the "
                                + "chain-id is wrong"));
            }
            return Optional.empty();
        } catch (RpcException e) {
            return Optional.of(new ConfigProblem(
                    path,
                    "did not answer eth_chainId (" + e.reason() + "); check the "
                            + "URL, its API key and your network"));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.of(new ConfigProblem(path, "answered eth_chainId with something that is not a chain id"));
        }
    }
}
