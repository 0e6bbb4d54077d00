package dev.lorekeeper.wallet;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * The EIP-4361 rule of each field, checked all at once: {@code siwe format} lists every problem with the rule that
 * fixes it ("nonce 'abc' is not valid: 8 or more letters or digits"), not only the first one.
 */
final class SiweFields {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    private static final Pattern STATEMENT = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;= ]*");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[Zz]|[+-]\\d{2}:\\d{2})");
    private static final String TIME_RULE = "an RFC 3339 date-time such as 2024-05-01T12:00:00Z";

    private final List<String> problems = new ArrayList<>();

    private SiweFields() {}

    /** Every field that breaks its rule, in message order; empty when the message can be built. */
    static List<String> problems(SiweMessage.Fields f) {
        SiweFields c = new SiweFields();
        c.require(
                f.scheme() == null || Rfc3986.isScheme(f.scheme()),
                "scheme",
                f.scheme(),
                "an RFC 3986 scheme such as https");
        c.require(
                Rfc3986.isAuthority(f.domain()),
                "domain",
                f.domain(),
                "a host with an optional port, such as example.org or example.org:8443");
        c.address(f.address());
        c.require(
                f.statement() == null
                        || !f.statement().isEmpty()
                                && STATEMENT.matcher(f.statement()).matches(),
                "statement",
                f.statement(),
                "one line of letters, digits, spaces and -._~:/?#[]@!$&'()*+,;=");
        c.require(Rfc3986.isUri(f.uri()), "uri", f.uri(), "an absolute RFC 3986 URI such as https://example.org/login");
        c.require("1".equals(f.version()), "version", f.version(), "1");
        c.require(
                f.chainId() >= 1,
                "chainId",
                f.chainId() < 0 ? null : String.valueOf(f.chainId()),
                "a whole number of 1 or more");
        c.require(
                f.nonce() != null && NONCE.matcher(f.nonce()).matches(),
                "nonce",
                f.nonce(),
                "8 or more letters or digits (A-Z, a-z, 0-9)");
        c.time("issuedAt", f.issuedAt(), false);
        c.time("expirationTime", f.expirationTime(), true);
        c.time("notBefore", f.notBefore(), true);
        c.require(
                f.requestId() == null || Rfc3986.isPchars(f.requestId()),
                "requestId",
                f.requestId(),
                "letters, digits and -._~%!$&'()*+,;=:@");
        for (String r : f.resources()) {
            c.require(Rfc3986.isUri(r), "resources", r, "absolute RFC 3986 URIs");
        }
        return c.problems;
    }

    private void address(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            require(false, "address", address, "0x and 40 hex digits, EIP-55 checksummed");
        } else if (!Keys.toChecksumAddress(address).equals(address)) {
            problems.add("address " + address + " is not EIP-55 checksummed: write it as "
                    + Keys.toChecksumAddress(address));
        }
    }

    private void time(String field, String value, boolean optional) {
        if (value == null && optional) {
            return;
        }
        if (value == null || !DATE_TIME.matcher(value).matches()) {
            require(false, field, value, TIME_RULE);
            return;
        }
        try {
            SiweMessage.time(value);
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + value + "' is not a real date and time");
        }
    }

    private void require(boolean ok, String field, String value, String rule) {
        if (!ok) {
            problems.add(
                    value == null ? field + " is missing: " + rule : field + " '" + value + "' is not valid: " + rule);
        }
    }
}
