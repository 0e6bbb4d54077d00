package dev.lorekeeper.gate;

import dev.lorekeeper.chain.Abi;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.Read;
import dev.lorekeeper.chain.ReadResult;
import dev.lorekeeper.chain.TokenLister;
import dev.lorekeeper.chain.TokenMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates gates for many members at once. Reads are gathered for all members first and fetched in batches, in
 * rounds: balances; then token lists (ERC-721 Enumerable) where ids or traits matter; then metadata for traits.
 * Any failed read makes its requirement UNKNOWN.
 */
public final class GateEvaluator {
    /** Explicit id lists up to this size are checked with ownerOf; larger ranges need the holder's token list. */
    static final int MAX_OWNER_OF_IDS = 200;
    static final int MAX_TOKENS_PER_WALLET = 500;
    static final BigInteger MAX_DECIMALS = BigInteger.valueOf(255);

    private final ChainReader reader;
    private final MetadataFetcher metadata;
    private final TokenLister ownerIndex;

    public GateEvaluator(ChainReader reader, MetadataFetcher metadata) {
        this(reader, metadata, null);
    }

    /** With an owner index, trait and range rules also work on ERC-721 contracts without Enumerable. */
    public GateEvaluator(ChainReader reader, MetadataFetcher metadata, TokenLister ownerIndex) {
        this.reader = reader;
        this.metadata = metadata;
        this.ownerIndex = ownerIndex;
    }

    /** Verdicts per member and gate, in the order given. */
    public Map<MemberWallets, Map<Gate, Evaluation>> evaluate(List<MemberWallets> members, List<Gate> gates) {
        Set<Read> round1 = new HashSet<>();
        for (Gate g : gates) {
            for (Rule.Requirement req : g.rule().requirements()) {
                members.forEach(m -> round1.addAll(primaryReads(req, m)));
            }
        }
        Map<Read, ReadResult> values = new HashMap<>(reader.read(round1));
        Set<Read> round2 = new HashSet<>();
        for (Gate g : gates) {
            for (Rule.Requirement req : g.rule().requirements()) {
                if (req instanceof Rule.Erc721 e && listsTokens(e)) {
                    members.forEach(m -> round2.addAll(tokenIndexReads(e, m, values)));
                }
            }
        }
        values.putAll(reader.read(round2));
        Map<MemberWallets, Map<Gate, Evaluation>> out = new LinkedHashMap<>();
        for (MemberWallets m : members) {
            Map<Gate, Evaluation> perGate = new LinkedHashMap<>();
            for (Gate g : gates) {
                List<Evaluation.RequirementResult> details = new ArrayList<>();
                Truth t = eval(g.rule(), m, values, details);
                perGate.put(g, new Evaluation(t, details));
            }
            out.put(m, perGate);
        }
        return out;
    }

    private Truth eval(Rule rule, MemberWallets m, Map<Read, ReadResult> values,
            List<Evaluation.RequirementResult> details) {
        if (rule instanceof Rule.AllOf all) {
            Truth t = Truth.TRUE;
            for (Rule r : all.rules()) {
                t = t.and(eval(r, m, values, details));
            }
            return t;
        }
        if (rule instanceof Rule.AnyOf any) {
            Truth t = Truth.FALSE;
            for (Rule r : any.rules()) {
                t = t.or(eval(r, m, values, details));
            }
            return t;
        }
        if (rule instanceof Rule.Not not) {
            return eval(not.rule(), m, values, details).not();
        }
        Evaluation.RequirementResult result = withUnreadColdWallets(requirement((Rule.Requirement) rule, m, values),
                m);
        details.add(result);
        return result.truth();
    }

    /**
     * When the member's cold wallets on this chain could not be read, a "no" could be wrong (a cold wallet may hold
     * the token), and so could a "yes" under a maximum.
     */
    private static Evaluation.RequirementResult withUnreadColdWallets(Evaluation.RequirementResult r,
            MemberWallets m) {
        Rule.Requirement req = r.requirement();
        boolean bounded = req instanceof Rule.Erc721 e && e.max() != null;
        if (!m.incompleteOn(req.chain()) || r.truth() == Truth.UNKNOWN || r.truth() == Truth.TRUE && !bounded) {
            return r;
        }
        return new Evaluation.RequirementResult(req, Truth.UNKNOWN, "unknown: " + r.detail()
                + ", but delegated cold wallets could not be read");
    }

    private static List<Read> primaryReads(Rule.Requirement req, MemberWallets m) {
        List<Read> reads = new ArrayList<>();
        if (req instanceof Rule.Erc721 e) {
            if (listsTokens(e)) {
                reads.add(Read.supportsInterface(e.chain(), e.contract(), Abi.ERC721_ENUMERABLE));
            }
            if (ownerOfIds(e) != null) {
                ownerOfIds(e).forEach(id -> reads.add(Read.ownerOf(e.chain(), e.contract(), id)));
            } else {
                m.walletsFor(e.chain(), e.contract()).forEach(a -> reads.add(Read.erc721Balance(e.chain(),
                        e.contract(), a)));
            }
        } else if (req instanceof Rule.Erc1155 e) {
            m.walletsFor(e.chain(), e.contract()).forEach(a -> e.ids().forEach(id -> reads.add(
                    Read.erc1155Balance(e.chain(), e.contract(), a, id))));
        } else if (req instanceof Rule.Erc20 e) {
            reads.add(Read.decimals(e.chain(), e.contract()));
            m.walletsFor(e.chain(), e.contract()).forEach(a -> reads.add(Read.erc20Balance(e.chain(), e.contract(),
                    a)));
        } else if (req instanceof Rule.Native n) {
            m.walletsFor(n.chain(), null).forEach(a -> reads.add(Read.nativeBalance(n.chain(), a)));
        }
        return reads;
    }

    /** Token lists are needed for traits, or for id ranges too large to check one by one. */
    private static boolean listsTokens(Rule.Erc721 e) {
        return e.needsTokenList() && ownerOfIds(e) == null;
    }

    /** The explicit ids to check with ownerOf, or null when there are traits or too many ids. */
    private static List<BigInteger> ownerOfIds(Rule.Erc721 e) {
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

    private static List<Read> tokenIndexReads(Rule.Erc721 e, MemberWallets m, Map<Read, ReadResult> values) {
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

    private Evaluation.RequirementResult requirement(Rule.Requirement req, MemberWallets m,
            Map<Read, ReadResult> values) {
        try {
            if (req instanceof Rule.Erc721 e) {
                return erc721(e, m, values);
            }
            if (req instanceof Rule.Erc1155 e) {
                BigInteger total = BigInteger.ZERO;
                for (String a : m.walletsFor(e.chain(), e.contract())) {
                    for (BigInteger id : e.ids()) {
                        total = total.add(value(values, Read.erc1155Balance(e.chain(), e.contract(), a, id)));
                    }
                }
                return count(req, total, e.min(), null, "holds " + total + " of ids " + e.ids());
            }
            if (req instanceof Rule.Erc20 e) {
                int decimals = decimals(value(values, Read.decimals(e.chain(), e.contract())));
                BigInteger total = BigInteger.ZERO;
                for (String a : m.walletsFor(e.chain(), e.contract())) {
                    total = total.add(value(values, Read.erc20Balance(e.chain(), e.contract(), a)));
                }
                return amount(req, total, decimals, e.amount());
            }
            Rule.Native n = (Rule.Native) req;
            BigInteger total = BigInteger.ZERO;
            for (String a : m.walletsFor(n.chain(), null)) {
                total = total.add(value(values, Read.nativeBalance(n.chain(), a)));
            }
            return amount(req, total, 18, n.amount());
        } catch (UnknownValue u) {
            return new Evaluation.RequirementResult(req, Truth.UNKNOWN, "unknown: " + u.getMessage());
        } catch (ArithmeticException | IllegalArgumentException e) {
            // A value no rule can be compared with (a contract can return anything): unknown, never "no".
            return new Evaluation.RequirementResult(req, Truth.UNKNOWN, "unknown: the chain returned a value that "
                    + "can't be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Evaluation.RequirementResult erc721(Rule.Erc721 e, MemberWallets m, Map<Read, ReadResult> values) {
        List<BigInteger> ids = ownerOfIds(e);
        if (ids != null) {
            Set<String> mine = new HashSet<>();
            m.walletsFor(e.chain(), e.contract()).forEach(a -> mine.add(a.toLowerCase(Locale.ROOT)));
            long held = 0;
            for (BigInteger id : ids) {
                ReadResult owner = values.get(Read.ownerOf(e.chain(), e.contract(), id));
                if (owner == null) {
                    throw new UnknownValue("ownerOf(" + id + ") was not read");
                }
                if (!owner.ok() && !owner.reverted()) {
                    throw new UnknownValue("ownerOf(" + id + ") could not be read (" + owner.error() + ")");
                }
                // The node's own revert means the token does not exist (or was burned): not held.
                if (owner.ok() && mine.contains(String.format("0x%040x", owner.value()))) {
                    held++;
                }
            }
            return count(e, BigInteger.valueOf(held), e.min(), e.max(), "holds " + held + " of ids " + e.tokenIds());
        }
        if (!e.needsTokenList()) {
            BigInteger total = BigInteger.ZERO;
            for (String a : m.walletsFor(e.chain(), e.contract())) {
                total = total.add(value(values, Read.erc721Balance(e.chain(), e.contract(), a)));
            }
            return count(e, total, e.min(), e.max(), "holds " + total);
        }
        if (value(values, Read.supportsInterface(e.chain(), e.contract(), Abi.ERC721_ENUMERABLE)).signum() == 0) {
            return fromOwnerIndex(e, m);
        }
        long matching = 0;
        boolean unlisted = false;
        for (String a : m.walletsFor(e.chain(), e.contract())) {
            BigInteger balance = value(values, Read.erc721Balance(e.chain(), e.contract(), a));
            int n = listable(balance);
            unlisted |= balance.compareTo(BigInteger.valueOf(n)) > 0;
            for (int i = 0; i < n; i++) {
                BigInteger id = value(values, Read.tokenOfOwnerByIndex(e.chain(), e.contract(), a, i));
                if (matches(e, id)) {
                    matching++;
                }
            }
        }
        if (unlisted && matching < e.min()) {
            throw new UnknownValue("holds more than " + MAX_TOKENS_PER_WALLET + " tokens in one wallet; only that many "
                    + "are checked, and they don't meet the rule");
        }
        return count(e, BigInteger.valueOf(matching), e.min(), e.max(), "holds " + matching + " matching token"
                + (matching == 1 ? "" : "s"));
    }

    private Evaluation.RequirementResult fromOwnerIndex(Rule.Erc721 e, MemberWallets m) {
        if (ownerIndex == null) {
            throw new UnknownValue("the contract is not ERC-721 Enumerable, so held token ids can't be listed");
        }
        long matching = 0;
        for (String a : m.walletsFor(e.chain(), e.contract())) {
            List<BigInteger> ids = ownerIndex.tokensOf(e.chain(), e.contract(), a).orElseThrow(() -> new UnknownValue(
                    "the owner index of this contract is still being built from its Transfer logs"));
            for (BigInteger id : ids) {
                if (matches(e, id)) {
                    matching++;
                }
            }
        }
        return count(e, BigInteger.valueOf(matching), e.min(), e.max(), "holds " + matching + " matching token"
                + (matching == 1 ? "" : "s"));
    }

    private boolean matches(Rule.Erc721 e, BigInteger id) {
        if (!e.tokenIds().isEmpty() && e.tokenIds().stream().noneMatch(r -> r.contains(id))) {
            return false;
        }
        if (e.traits().isEmpty()) {
            return true;
        }
        ReadResult uri = reader.read(List.of(Read.tokenUri(e.chain(), e.contract(), id)))
                .get(Read.tokenUri(e.chain(), e.contract(), id));
        if (uri == null || !uri.ok()) {
            throw new UnknownValue("tokenURI(" + id + ") could not be read");
        }
        TokenMetadata meta = metadata.fetch(uri.text());
        if (!meta.ok()) {
            throw new UnknownValue("metadata of token " + id + ": " + meta.error());
        }
        return e.traits().entrySet().stream().allMatch(t -> meta.hasTrait(t.getKey(), t.getValue()));
    }

    private static Evaluation.RequirementResult count(Rule.Requirement req, BigInteger have, long min, Long max,
            String detail) {
        boolean ok = have.compareTo(BigInteger.valueOf(min)) >= 0
                && (max == null || have.compareTo(BigInteger.valueOf(max)) <= 0);
        String need = max == null ? "needs ≥ " + min : "needs " + min + "–" + max;
        return new Evaluation.RequirementResult(req, Truth.of(ok), detail + " (" + need + ")");
    }

    private static Evaluation.RequirementResult amount(Rule.Requirement req, BigInteger raw, int decimals,
            BigDecimal required) {
        BigDecimal have = new BigDecimal(raw, decimals);
        boolean ok = have.compareTo(required) >= 0;
        return new Evaluation.RequirementResult(req, Truth.of(ok), "holds " + have.stripTrailingZeros().toPlainString()
                + " (needs ≥ " + required.toPlainString() + ")");
    }

    /** How many of a balance's tokens to list: intValue() of a huge balance would wrap to a small number. */
    private static int listable(BigInteger balance) {
        return balance.min(BigInteger.valueOf(MAX_TOKENS_PER_WALLET)).max(BigInteger.ZERO).intValue();
    }

    /** ERC-20 decimals are a uint8; a contract can return any word, which must not reach BigDecimal's scale. */
    private static int decimals(BigInteger reported) {
        if (reported.signum() < 0 || reported.compareTo(MAX_DECIMALS) > 0) {
            throw new UnknownValue("the contract reports " + abbreviate(reported) + " decimals (at most "
                    + MAX_DECIMALS + " make sense), so its balances can't be compared");
        }
        return reported.intValue();
    }

    private static String abbreviate(BigInteger n) {
        String s = n.toString();
        return s.length() <= 20 ? s : s.substring(0, 8) + "…(" + s.length() + " digits)";
    }

    private static BigInteger value(Map<Read, ReadResult> values, Read r) {
        ReadResult v = values.get(r);
        if (v == null || !v.ok() || v.value() == null) {
            throw new UnknownValue(v == null ? "not read" : "read failed (" + v.error() + ")");
        }
        return v.value();
    }

    /** A value needed for a verdict could not be read. */
    private static final class UnknownValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownValue(String message) {
            super(message, null, false, false);
        }
    }
}
