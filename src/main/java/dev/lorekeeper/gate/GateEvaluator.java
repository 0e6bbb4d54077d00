package dev.lorekeeper.gate;

import dev.lorekeeper.chain.Abi;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.Read;
import dev.lorekeeper.chain.ReadResult;
import dev.lorekeeper.chain.TokenLister;
import dev.lorekeeper.chain.TokenMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates gates for many members at once. Reads are gathered for all members first and fetched in batches, in
 * rounds: balances; then token lists (ERC-721 Enumerable) where ids or traits matter; then metadata for traits.
 * Any failed read makes its requirement UNKNOWN.
 */
public final class GateEvaluator {
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

    /**
     * Everything read for one batch: chain reads by read, and the owner index's token lists per (chain, contract) for
     * all the batch's holders (empty when the index is not caught up).
     */
    private record Values(Map<Read, ReadResult> reads, Map<String, Optional<Map<String, List<BigInteger>>>> owners) {
        Optional<Map<String, List<BigInteger>>> owners(Rule.Erc721 e) {
            return owners.getOrDefault(key(e), Optional.empty());
        }

        static String key(Rule.Erc721 e) {
            return e.chain() + "/" + e.contract().toLowerCase(Locale.ROOT);
        }
    }

    /** Verdicts per member and gate, in the order given. */
    public Map<MemberWallets, Map<Gate, Evaluation>> evaluate(List<MemberWallets> members, List<Gate> gates) {
        return evaluate(members, gates, ChainReader.Keep.ALL);
    }

    /** As {@link #evaluate(List, List)}, keeping in the read cache only what {@code keep} says. */
    public Map<MemberWallets, Map<Gate, Evaluation>> evaluate(
            List<MemberWallets> members, List<Gate> gates, ChainReader.Keep keep) {
        Set<Read> round1 = new HashSet<>();
        for (Gate g : gates) {
            for (Rule.Requirement req : g.rule().requirements()) {
                members.forEach(m -> round1.addAll(GateReads.primaryReads(req, m)));
            }
        }
        Values values = new Values(new HashMap<>(reader.read(round1, keep)), new HashMap<>());
        Set<Read> round2 = new HashSet<>();
        for (Gate g : gates) {
            for (Rule.Requirement req : g.rule().requirements()) {
                if (req instanceof Rule.Erc721 e && GateReads.listsTokens(e)) {
                    if (enumerable(e, values) == Boolean.FALSE) {
                        ownerIndexLists(e, members, values);
                    } else {
                        members.forEach(m -> round2.addAll(GateReads.tokenIndexReads(e, m, values.reads())));
                    }
                }
            }
        }
        values.reads().putAll(reader.read(round2, keep));
        // Round 3: the tokenURI of every held token a trait rule must look at, in one batch for all members.
        Set<Read> round3 = new HashSet<>();
        for (Gate g : gates) {
            for (Rule.Requirement req : g.rule().requirements()) {
                if (req instanceof Rule.Erc721 e
                        && GateReads.listsTokens(e)
                        && !e.traits().isEmpty()) {
                    for (MemberWallets m : members) {
                        for (BigInteger id : heldIds(e, m, values)) {
                            if (idMatches(e, id)) {
                                round3.add(Read.tokenUri(e.chain(), e.contract(), id));
                            }
                        }
                    }
                }
            }
        }
        values.reads().putAll(reader.read(round3, keep));
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

    /** Whether the contract lists tokens itself; null when that could not be read. */
    private static Boolean enumerable(Rule.Erc721 e, Values values) {
        ReadResult r = values.reads().get(Read.supportsInterface(e.chain(), e.contract(), Abi.ERC721_ENUMERABLE));
        return r == null || !r.ok() ? null : r.value().signum() != 0;
    }

    /** One owner-index query per contract for the whole batch, instead of one per wallet. */
    private void ownerIndexLists(Rule.Erc721 e, List<MemberWallets> members, Values values) {
        if (ownerIndex == null || values.owners().containsKey(Values.key(e))) {
            return;
        }
        Set<String> holders = new HashSet<>();
        members.forEach(m -> holders.addAll(m.walletsFor(e.chain(), e.contract())));
        values.owners().put(Values.key(e), ownerIndex.tokensOf(e.chain(), e.contract(), holders));
    }

    /** The token ids a member holds, as far as they were read (what could not be read is judged later). */
    private static List<BigInteger> heldIds(Rule.Erc721 e, MemberWallets m, Values values) {
        List<BigInteger> ids = new ArrayList<>();
        Boolean enumerable = enumerable(e, values);
        if (enumerable == null) {
            return ids;
        }
        for (String a : m.walletsFor(e.chain(), e.contract())) {
            if (!enumerable) {
                values.owners(e).ifPresent(o -> ids.addAll(o.getOrDefault(a.toLowerCase(Locale.ROOT), List.of())));
                continue;
            }
            ReadResult balance = values.reads().get(Read.erc721Balance(e.chain(), e.contract(), a));
            if (balance == null || !balance.ok()) {
                continue;
            }
            for (int i = 0; i < GateReads.listable(balance.value()); i++) {
                ReadResult id = values.reads().get(Read.tokenOfOwnerByIndex(e.chain(), e.contract(), a, i));
                if (id != null && id.ok()) {
                    ids.add(id.value());
                }
            }
        }
        return ids;
    }

    private Truth eval(Rule rule, MemberWallets m, Values values, List<Evaluation.RequirementResult> details) {
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
        Evaluation.RequirementResult result = withUnreadColdWallets(requirement((Rule.Requirement) rule, m, values), m);
        details.add(result);
        return result.truth();
    }

    /**
     * When the member's cold wallets on this chain could not be read, a "no" could be wrong (a cold wallet may hold
     * the token), and so could a "yes" under a maximum.
     */
    private static Evaluation.RequirementResult withUnreadColdWallets(Evaluation.RequirementResult r, MemberWallets m) {
        Rule.Requirement req = r.requirement();
        boolean bounded = req instanceof Rule.Erc721 e && e.max() != null;
        if (!m.incompleteOn(req.chain()) || r.truth() == Truth.UNKNOWN || r.truth() == Truth.TRUE && !bounded) {
            return r;
        }
        return new Evaluation.RequirementResult(
                req, Truth.UNKNOWN, "unknown: " + r.detail() + ", but delegated cold wallets could not be read");
    }

    private Evaluation.RequirementResult requirement(Rule.Requirement req, MemberWallets m, Values all) {
        Map<Read, ReadResult> values = all.reads();
        try {
            if (req instanceof Rule.Erc721 e) {
                return erc721(e, m, all);
            }
            if (req instanceof Rule.Erc1155 e) {
                BigInteger total = BigInteger.ZERO;
                for (String a : m.walletsFor(e.chain(), e.contract())) {
                    for (BigInteger id : e.ids()) {
                        total = total.add(
                                ReadValues.value(values, Read.erc1155Balance(e.chain(), e.contract(), a, id)));
                    }
                }
                return ReadValues.count(req, total, e.min(), null, "holds " + total + " of ids " + e.ids());
            }
            if (req instanceof Rule.Erc20 e) {
                int decimals = ReadValues.decimals(ReadValues.value(values, Read.decimals(e.chain(), e.contract())));
                BigInteger total = BigInteger.ZERO;
                for (String a : m.walletsFor(e.chain(), e.contract())) {
                    total = total.add(ReadValues.value(values, Read.erc20Balance(e.chain(), e.contract(), a)));
                }
                return ReadValues.amount(req, total, decimals, e.amount());
            }
            Rule.Native n = (Rule.Native) req;
            BigInteger total = BigInteger.ZERO;
            for (String a : m.walletsFor(n.chain(), null)) {
                total = total.add(ReadValues.value(values, Read.nativeBalance(n.chain(), a)));
            }
            return ReadValues.amount(req, total, 18, n.amount());
        } catch (UnknownValue u) {
            return new Evaluation.RequirementResult(req, Truth.UNKNOWN, "unknown: " + u.getMessage());
        } catch (ArithmeticException | IllegalArgumentException e) {
            // A value no rule can be compared with (a contract can return anything): unknown, never "no".
            return new Evaluation.RequirementResult(
                    req,
                    Truth.UNKNOWN,
                    "unknown: the chain returned a value that " + "can't be used ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private Evaluation.RequirementResult erc721(Rule.Erc721 e, MemberWallets m, Values all) {
        Map<Read, ReadResult> values = all.reads();
        List<BigInteger> ids = GateReads.ownerOfIds(e);
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
            return ReadValues.count(
                    e, BigInteger.valueOf(held), e.min(), e.max(), "holds " + held + " of ids " + e.tokenIds());
        }
        if (!e.needsTokenList()) {
            BigInteger total = BigInteger.ZERO;
            for (String a : m.walletsFor(e.chain(), e.contract())) {
                total = total.add(ReadValues.value(values, Read.erc721Balance(e.chain(), e.contract(), a)));
            }
            return ReadValues.count(e, total, e.min(), e.max(), "holds " + total);
        }
        if (ReadValues.value(values, Read.supportsInterface(e.chain(), e.contract(), Abi.ERC721_ENUMERABLE))
                        .signum()
                == 0) {
            return fromOwnerIndex(e, m, all);
        }
        long matching = 0;
        boolean unlisted = false;
        for (String a : m.walletsFor(e.chain(), e.contract())) {
            BigInteger balance = ReadValues.value(values, Read.erc721Balance(e.chain(), e.contract(), a));
            int n = GateReads.listable(balance);
            unlisted |= balance.compareTo(BigInteger.valueOf(n)) > 0;
            for (int i = 0; i < n; i++) {
                BigInteger id = ReadValues.value(values, Read.tokenOfOwnerByIndex(e.chain(), e.contract(), a, i));
                if (matches(e, id, values)) {
                    matching++;
                }
            }
        }
        if (unlisted && matching < e.min()) {
            throw new UnknownValue("holds more than " + GateReads.MAX_TOKENS_PER_WALLET
                    + " tokens in one wallet; only that many " + "are checked, and they don't meet the rule");
        }
        return ReadValues.count(
                e,
                BigInteger.valueOf(matching),
                e.min(),
                e.max(),
                "holds " + matching + " matching token" + (matching == 1 ? "" : "s"));
    }

    private Evaluation.RequirementResult fromOwnerIndex(Rule.Erc721 e, MemberWallets m, Values all) {
        if (ownerIndex == null) {
            throw new UnknownValue("the contract is not ERC-721 Enumerable, so held token ids can't be listed");
        }
        Map<String, List<BigInteger>> owners = all.owners(e)
                .orElseThrow(() -> new UnknownValue(
                        "the owner index of this contract is still being built from its Transfer logs"));
        long matching = 0;
        for (String a : m.walletsFor(e.chain(), e.contract())) {
            for (BigInteger id : owners.getOrDefault(a.toLowerCase(Locale.ROOT), List.of())) {
                if (matches(e, id, all.reads())) {
                    matching++;
                }
            }
        }
        return ReadValues.count(
                e,
                BigInteger.valueOf(matching),
                e.min(),
                e.max(),
                "holds " + matching + " matching token" + (matching == 1 ? "" : "s"));
    }

    private static boolean idMatches(Rule.Erc721 e, BigInteger id) {
        return e.tokenIds().isEmpty() || e.tokenIds().stream().anyMatch(r -> r.contains(id));
    }

    private boolean matches(Rule.Erc721 e, BigInteger id, Map<Read, ReadResult> values) {
        if (!idMatches(e, id)) {
            return false;
        }
        if (e.traits().isEmpty()) {
            return true;
        }
        Read uriRead = Read.tokenUri(e.chain(), e.contract(), id);
        ReadResult uri = values.get(uriRead);
        if (uri == null) {
            // Not gathered in round 3 (it should have been): read it now rather than guess.
            uri = reader.read(List.of(uriRead)).get(uriRead);
        }
        if (uri == null || !uri.ok()) {
            throw new UnknownValue("tokenURI(" + id + ") could not be read");
        }
        TokenMetadata meta = metadata.fetch(uri.text());
        if (!meta.ok()) {
            throw new UnknownValue("metadata of token " + id + ": " + meta.error());
        }
        return e.traits().entrySet().stream().allMatch(t -> meta.hasTrait(t.getKey(), t.getValue()));
    }
}
