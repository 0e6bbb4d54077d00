package dev.lorekeeper.gate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compiled gate rule: requirements, and all/any/not over rules. */
public sealed interface Rule {

    /** Every requirement in this rule, depth first. */
    List<Requirement> requirements();

    record AllOf(List<Rule> rules) implements Rule {
        @Override
        public List<Requirement> requirements() {
            return rules.stream().flatMap(r -> r.requirements().stream()).toList();
        }
    }

    record AnyOf(List<Rule> rules) implements Rule {
        @Override
        public List<Requirement> requirements() {
            return rules.stream().flatMap(r -> r.requirements().stream()).toList();
        }
    }

    record Not(Rule rule) implements Rule {
        @Override
        public List<Requirement> requirements() {
            return rule.requirements();
        }
    }

    /** Something a member's wallets must hold on one chain. */
    sealed interface Requirement extends Rule {
        String chain();

        @Override
        default List<Requirement> requirements() {
            return List.of(this);
        }

        /** One line for moderators: what is required. */
        String describe();

        /** The token contract read, or empty for a chain's native coin. */
        default Optional<String> tokenContract() {
            if (this instanceof Erc721 e) {
                return Optional.of(e.contract());
            }
            if (this instanceof Erc1155 e) {
                return Optional.of(e.contract());
            }
            return this instanceof Erc20 e ? Optional.of(e.contract()) : Optional.empty();
        }
    }

    /** ERC-721: between min and max tokens, optionally only certain ids and only tokens with certain traits. */
    record Erc721(
            String chain, String contract, long min, Long max, List<IdRange> tokenIds, Map<String, List<String>> traits)
            implements Requirement {
        public boolean needsTokenList() {
            return !tokenIds.isEmpty() || !traits.isEmpty();
        }

        @Override
        public String describe() {
            return "ERC-721 " + short_(contract) + " on " + chain + ": "
                    + (max == null ? "at least " + min : min + " to " + max) + " token"
                    + (min == 1 && max == null ? "" : "s")
                    + (tokenIds.isEmpty() ? "" : " with ids " + tokenIds)
                    + (traits.isEmpty() ? "" : " with traits " + traits);
        }
    }

    /** ERC-1155: at least min of the listed ids together. */
    record Erc1155(String chain, String contract, List<BigInteger> ids, long min) implements Requirement {
        @Override
        public String describe() {
            return "ERC-1155 " + short_(contract) + " on " + chain + ": at least " + min + " of ids " + ids;
        }
    }

    /** ERC-20: at least this many whole tokens (decimals read from the chain). */
    record Erc20(String chain, String contract, BigDecimal amount) implements Requirement {
        @Override
        public String describe() {
            return "ERC-20 " + short_(contract) + " on " + chain + ": at least " + amount.toPlainString();
        }
    }

    /** The chain's native coin: at least this much. */
    record Native(String chain, BigDecimal amount) implements Requirement {
        @Override
        public String describe() {
            return "native balance on " + chain + ": at least " + amount.toPlainString();
        }
    }

    /** An inclusive token id range; a single id is a range of one. */
    record IdRange(BigInteger from, BigInteger to) {
        public boolean contains(BigInteger id) {
            return id.compareTo(from) >= 0 && id.compareTo(to) <= 0;
        }

        @Override
        public String toString() {
            return from.equals(to) ? from.toString() : from + "-" + to;
        }
    }

    private static String short_(String address) {
        return address.substring(0, 6) + "…" + address.substring(address.length() - 4);
    }
}
