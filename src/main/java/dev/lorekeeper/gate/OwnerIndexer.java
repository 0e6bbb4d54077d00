package dev.lorekeeper.gate;

import dev.lorekeeper.FailureLog;
import dev.lorekeeper.chain.Abi;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.OwnerIndex;
import dev.lorekeeper.chain.Read;
import dev.lorekeeper.chain.ReadResult;
import dev.lorekeeper.chain.RpcException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the owner index current for gated ERC-721 contracts that need token lists and lack Enumerable. */
public final class OwnerIndexer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OwnerIndexer.class);

    private final GateCatalog gates;
    private final Chains chains;
    private final ChainReader reader;
    private final OwnerIndex index;
    private final int confirmations;
    private final int maxRange;
    private final FailureLog failures = new FailureLog(log, Clock.systemUTC(), FailureLog.SUMMARY_EVERY);

    public OwnerIndexer(
            GateCatalog gates, Chains chains, ChainReader reader, OwnerIndex index, int confirmations, int maxRange) {
        this.gates = gates;
        this.chains = chains;
        this.reader = reader;
        this.index = index;
        this.confirmations = confirmations;
        this.maxRange = maxRange;
    }

    @Override
    public void run() {
        gates.contractsNeedingTokenLists()
                .forEach((chainName, contracts) -> chains.byName(chainName)
                        .ifPresent(chain -> contracts.forEach(contract -> {
                            String what = "the owner index of " + contract + " on " + chainName;
                            try {
                                if (!enumerable(chainName, contract)) {
                                    index.update(chain, contract, confirmations, maxRange);
                                }
                                failures.succeeded(what);
                            } catch (RpcException e) {
                                failures.failed(what, e.getMessage());
                            }
                        })));
    }

    private boolean enumerable(String chain, String contract) {
        Read r = Read.supportsInterface(chain, contract, Abi.ERC721_ENUMERABLE);
        ReadResult v = reader.read(List.of(r)).get(r);
        return v != null && v.ok() && v.value().signum() != 0;
    }
}
