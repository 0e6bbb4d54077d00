package dev.lorekeeper.gate;

import dev.lorekeeper.chain.Abi;
import dev.lorekeeper.chain.Read;
import dev.lorekeeper.chain.ReadResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which chain reads a requirement needs for a member, gathered for every member first so that they can be fetched
 * in batches: balances first, then the held token ids where ids or traits matter.
 */
final class GateReads {
    /** Explicit id lists up to this size are checked with ownerOf; larger ranges need the holder's token list. */
    static final int MAX_OWNER_OF_IDS = 200;

    static final int MAX_TOKENS_PER_WALLET = 500;

    private GateReads() {}

    static List<Read> primaryReads(Rule.Requirement req, MemberWallets m) {
        List<Read> reads = new ArrayList<>();
        if (req instanceof Rule.Erc721 e) {
            if (listsTokens(e)) {
                reads.add(Read.supportsInterface(e.chain(), e.contract(), Abi.ERC721_ENUMERABLE));
            }
            if (ownerOfIds(e) != null) {
                ownerOfIds(e).forEach(id -> reads.add(Read.ownerOf(e.chain(), e.contract(), id)));
            } else {
                m.walletsFor(e.chain(), e.contract())
                        .forEach(a -> reads.add(Read.erc721Balance(e.chain(), e.contract(), a)));
            }
        } else if (req instanceof Rule.Erc1155 e) {
            m.walletsFor(e.chain(), e.contract())
                    .forEach(a ->
                            e.ids().forEach(id -> reads.add(Read.erc1155Balance(e.chain(), e.contract(), a, id))));
        } else if (req instanceof Rule.Erc20 e) {
            reads.add(Read.decimals(e.chain(), e.contract()));
            m.walletsFor(e.chain(), e.contract())
                    .forEach(a -> reads.add(Read.erc20Balance(e.chain(), e.contract(), a)));
        } else if (req instanceof Rule.Native n) {
            m.walletsFor(n.chain(), null).forEach(a -> reads.add(Read.nativeBalance(n.chain(), a)));
        }
        return reads;
    }

    /** Token lists are needed for traits, or for id ranges too large to check one by one. */
    static boolean listsTokens(Rule.Erc721 e) {
        return e.needsTokenList() && ownerOfIds(e) == null;
    }

    /** The explicit ids to check with ownerOf, or null when there are traits or too many ids. */
    static List<BigInteger> ownerOfIds(Rule.Erc721 e) {
        if (e.tokenIds().isEmpty() || !e.traits().isEmpty()) {
            return null;
        }
        List<BigInteger> ids = new ArrayList<>();
        for (Rule.IdRange r : e.tokenIds()) {
            for (BigInteger i = r.from(); i.compareTo(r.to()) <= 0; i = i.add(BigInteger.ONE)) {
                ids.add(i);
                if (ids.size() > MAX_OWNER_OF_IDS) {
                    return null;
                }
            }
        }
        return ids;
    }

    static List<Read> tokenIndexReads(Rule.Erc721 e, MemberWallets m, Map<Read, ReadResult> values) {
        List<Read> reads = new ArrayList<>();
        for (String a : m.walletsFor(e.chain(), e.contract())) {
            ReadResult balance = values.get(Read.erc721Balance(e.chain(), e.contract(), a));
            if (balance != null && balance.ok()) {
                int n = listable(balance.value());
                for (int i = 0; i < n; i++) {
                    reads.add(Read.tokenOfOwnerByIndex(e.chain(), e.contract(), a, i));
                }
            }
        }
        return reads;
    }

    /** How many of a balance's tokens to list: intValue() of a huge balance would wrap to a small number. */
    static int listable(BigInteger balance) {
        return balance.min(BigInteger.valueOf(MAX_TOKENS_PER_WALLET))
                .max(BigInteger.ZERO)
                .intValue();
    }
}
