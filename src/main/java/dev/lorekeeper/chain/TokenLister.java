package dev.lorekeeper.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The tokens a holder owns on an ERC-721 contract without Enumerable, from the owner index. */
public final class TokenLister {
    private final OwnerIndex index;
    private final Chains chains;
    private final int confirmations;
    private final Cache<String, Long> heads =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(2)).build();

    public TokenLister(OwnerIndex index, Chains chains, int confirmations) {
        this.index = index;
        this.chains = chains;
        this.confirmations = confirmations;
    }

    /** Many holders' tokens in one go, by lower-case holder; empty as for one holder. */
    public Optional<java.util.Map<String, List<BigInteger>>> tokensOf(
            String chain, String contract, java.util.Collection<String> holders) {
        Optional<Chains.Chain> c = chains.byName(chain);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        try {
            long head = heads.get(chain, k -> new TransferLogPoller(c.get(), null, confirmations, 1).safeHead());
            return index.tokensOf(chain, contract, holders, head);
        } catch (RpcException e) {
            return Optional.empty();
        }
    }

    /** Empty when the index has not caught up with the chain (or the chain can not be read). */
    public Optional<List<BigInteger>> tokensOf(String chain, String contract, String holder) {
        Optional<Chains.Chain> c = chains.byName(chain);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        try {
            long head = heads.get(chain, k -> new TransferLogPoller(c.get(), null, confirmations, 1).safeHead());
            return index.tokensOf(chain, contract, holder, head);
        } catch (RpcException e) {
            return Optional.empty();
        }
    }
}
