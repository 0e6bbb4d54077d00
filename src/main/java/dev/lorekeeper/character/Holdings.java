package dev.lorekeeper.character;

import dev.lorekeeper.chain.Abi;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Read;
import dev.lorekeeper.chain.ReadResult;
import dev.lorekeeper.chain.TokenLister;
import dev.lorekeeper.config.CharactersConfig;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether a member's wallets hold a token, and which tokens of a collection they hold. A failed chain read is
 * UNKNOWN, never "not held": nobody loses their character to an RPC hiccup.
 */
public final class Holdings {
    /** At most this many tokens per wallet are listed for autocomplete. */
    static final int LIST_LIMIT = 25;

    public enum Held {
        YES,
        NO,
        UNKNOWN
    }

    private final ChainReader reader;
    private final TokenLister ownerIndex;
    private final Executor executor;
    private final Duration deadline;

    /**
     * Reads run on {@code executor} and are given up after {@code deadline} (as unknown): Discord waits only 3 s for
     * an interaction to be acknowledged, and a member should hear "try again" rather than nothing.
     */
    public Holdings(ChainReader reader, TokenLister ownerIndex, Executor executor, Duration deadline) {
        this.reader = reader;
        this.ownerIndex = ownerIndex;
        this.executor = executor;
        this.deadline = deadline;
    }

    public Held holds(CharactersConfig.Collection collection, TokenRef token, List<String> wallets) {
        return within(() -> holdsNow(collection, token, wallets), Held.UNKNOWN);
    }

    /** ERC-721 tokens the wallets hold: enumerated on-chain, or from the owner index; empty when unreadable. */
    public Optional<List<BigInteger>> tokensOf(CharactersConfig.Collection c, List<String> wallets) {
        return within(() -> tokensNow(c, wallets), Optional.empty());
    }

    private <T> T within(Supplier<T> read, T otherwise) {
        try {
            return CompletableFuture.supplyAsync(read, executor).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return otherwise;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        }
    }

    private Held holdsNow(CharactersConfig.Collection collection, TokenRef token, List<String> wallets) {
        if (wallets.isEmpty()) {
            return Held.NO;
        }
        if (collection.standard().equals("erc1155")) {
            List<Read> reads = wallets.stream()
                    .map(w -> Read.erc1155Balance(token.chain(), token.contract(), w, token.tokenId()))
                    .toList();
            Map<Read, ReadResult> values = reader.read(reads);
            if (reads.stream()
                    .anyMatch(r -> values.get(r) != null
                            && values.get(r).ok()
                            && values.get(r).value().signum() > 0)) {
                return Held.YES;
            }
            return reads.stream()
                            .allMatch(
                                    r -> values.get(r) != null && values.get(r).ok())
                    ? Held.NO
                    : Held.UNKNOWN;
        }
        Read owner = Read.ownerOf(token.chain(), token.contract(), token.tokenId());
        ReadResult r = reader.read(List.of(owner)).get(owner);
        if (r == null || !r.ok()) {
            // ownerOf reverts for a token that does not exist; a transport failure is unknown.
            return r != null && r.reverted() ? Held.NO : Held.UNKNOWN;
        }
        return wallets.stream().anyMatch(w -> new BigInteger(w.substring(2), 16).equals(r.value()))
                ? Held.YES
                : Held.NO;
    }

    private Optional<List<BigInteger>> tokensNow(CharactersConfig.Collection c, List<String> wallets) {
        if (!c.standard().equals("erc721") || wallets.isEmpty()) {
            return Optional.of(List.of());
        }
        Read enumerable = Read.supportsInterface(c.chain(), c.contract(), Abi.ERC721_ENUMERABLE);
        ReadResult isEnumerable = reader.read(List.of(enumerable)).get(enumerable);
        if (isEnumerable == null || !isEnumerable.ok()) {
            return Optional.empty();
        }
        List<BigInteger> out = new ArrayList<>();
        for (String wallet : wallets) {
            Optional<List<BigInteger>> held = isEnumerable.value().signum() == 0
                    ? ownerIndex.tokensOf(c.chain(), c.contract(), wallet)
                    : enumerate(c, wallet);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            out.addAll(held.get().subList(0, Math.min(LIST_LIMIT, held.get().size())));
        }
        return Optional.of(out);
    }

    private Optional<List<BigInteger>> enumerate(CharactersConfig.Collection c, String wallet) {
        Read balance = Read.erc721Balance(c.chain(), c.contract(), wallet);
        ReadResult b = reader.read(List.of(balance)).get(balance);
        if (b == null || !b.ok()) {
            return Optional.empty();
        }
        List<Read> byIndex = new ArrayList<>();
        int listed = b.value()
                .min(BigInteger.valueOf(LIST_LIMIT))
                .max(BigInteger.ZERO)
                .intValue();
        for (int i = 0; i < listed; i++) {
            byIndex.add(Read.tokenOfOwnerByIndex(c.chain(), c.contract(), wallet, i));
        }
        Map<Read, ReadResult> ids = reader.read(byIndex);
        if (byIndex.stream().anyMatch(r -> ids.get(r) == null || !ids.get(r).ok())) {
            return Optional.empty();
        }
        return Optional.of(byIndex.stream().map(r -> ids.get(r).value()).toList());
    }
}
