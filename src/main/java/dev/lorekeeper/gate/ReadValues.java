package dev.lorekeeper.gate;

import dev.lorekeeper.chain.Read;
import dev.lorekeeper.chain.ReadResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Values read from a chain turned into verdicts, any value a contract can return included. */
final class ReadValues {
    static final BigInteger MAX_DECIMALS = BigInteger.valueOf(255);

    private ReadValues() {}

    static Evaluation.RequirementResult count(
            Rule.Requirement req, BigInteger have, long min, Long max, String detail) {
        boolean ok = have.compareTo(BigInteger.valueOf(min)) >= 0
                && (max == null || have.compareTo(BigInteger.valueOf(max)) <= 0);
        String need = max == null ? "needs ≥ " + min : "needs " + min + "–" + max;
        return new Evaluation.RequirementResult(req, Truth.of(ok), detail + " (" + need + ")");
    }

    static Evaluation.RequirementResult amount(
            Rule.Requirement req, BigInteger raw, int decimals, BigDecimal required) {
        BigDecimal have = new BigDecimal(raw, decimals);
        boolean ok = have.compareTo(required) >= 0;
        return new Evaluation.RequirementResult(
                req,
                Truth.of(ok),
                "holds " + have.stripTrailingZeros().toPlainString() + " (needs ≥ " + required.toPlainString() + ")");
    }

    /** ERC-20 decimals are a uint8; a contract can return any word, which must not reach BigDecimal's scale. */
    static int decimals(BigInteger reported) {
        if (reported.signum() < 0 || reported.compareTo(MAX_DECIMALS) > 0) {
            throw new UnknownValue("the contract reports " + abbreviate(reported) + " decimals (at most " + MAX_DECIMALS
                    + " make sense), so its balances can't be compared");
        }
        return reported.intValue();
    }

    static String abbreviate(BigInteger n) {
        String s = n.toString();
        return s.length() <= 20 ? s : s.substring(0, 8) + "…(" + s.length() + " digits)";
    }

    static BigInteger value(Map<Read, ReadResult> values, Read r) {
        ReadResult v = values.get(r);
        if (v == null || !v.ok() || v.value() == null) {
            throw new UnknownValue(v == null ? "not read" : "read failed (" + v.error() + ")");
        }
        return v.value();
    }
}
