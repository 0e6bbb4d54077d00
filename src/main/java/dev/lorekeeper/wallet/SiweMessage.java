package dev.lorekeeper.wallet;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EIP-4361 Sign-In with Ethereum message. The constructor accepts only values the ABNF allows (so a message can
 * not be built, parsed or formatted in an invalid state); {@link #parse} is strict about line order and layout.
 */
public record SiweMessage(
        String scheme,
        String domain,
        String address,
        String statement,
        String uri,
        String version,
        long chainId,
        String nonce,
        String issuedAt,
        String expirationTime,
        String notBefore,
        String requestId,
        List<String> resources) {

    private static final String PREAMBLE = " wants you to sign in with your Ethereum account:";
    /** Longer than any message the bot issues (they are stored in a VARCHAR(4000)). */
    static final int MAX_LENGTH = 4000;

    private static final Pattern FIRST_LINE =
            Pattern.compile("(?:([A-Za-z][A-Za-z0-9+.\\-]*)://)?(\\S+)" + Pattern.quote(PREAMBLE));

    public SiweMessage {
        resources = resources == null ? List.of() : List.copyOf(resources);
        List<String> problems = SiweFields.problems(new Fields(
                scheme,
                domain,
                address,
                statement,
                uri,
                version,
                chainId,
                nonce,
                issuedAt,
                expirationTime,
                notBefore,
                requestId,
                resources));
        if (!problems.isEmpty()) {
            throw new SiweException(SiweError.INVALID_FIELD, String.join("; ", problems));
        }
    }

    /** The fields before they are checked: what {@code siwe format} reads from JSON. */
    public record Fields(
            String scheme,
            String domain,
            String address,
            String statement,
            String uri,
            String version,
            long chainId,
            String nonce,
            String issuedAt,
            String expirationTime,
            String notBefore,
            String requestId,
            List<String> resources) {
        public Fields {
            resources = resources == null ? List.of() : List.copyOf(resources);
        }

        /** Every field that breaks its EIP-4361 rule, each with the rule; empty when a message can be built. */
        public List<String> problems() {
            return SiweFields.problems(this);
        }

        public SiweMessage message() {
            return new SiweMessage(
                    scheme,
                    domain,
                    address,
                    statement,
                    uri,
                    version,
                    chainId,
                    nonce,
                    issuedAt,
                    expirationTime,
                    notBefore,
                    requestId,
                    resources);
        }
    }

    /** Parses the exact EIP-4361 layout; anything out of order, missing or extra is refused. */
    public static SiweMessage parse(String text) {
        if (text == null) {
            throw malformed("the message is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw malformed("the message is " + text.length() + " characters long; a sign-in message from this bot "
                    + "is under " + MAX_LENGTH + ". Copy the message Lorekeeper showed you, unchanged");
        }
        // Windows editors and some clipboards end lines with CRLF; the signature covers format(), always LF.
        Lines lines = new Lines(text.replace("\r\n", "\n").split("\n", -1));
        Matcher first = FIRST_LINE.matcher(lines.next("the first line"));
        if (!first.matches()) {
            throw malformed("the first line must be '<domain>" + PREAMBLE + "'");
        }
        String address = lines.next("the address");
        lines.expectBlank("a blank line after the address");
        String statement = null;
        String line = lines.next("the statement or a blank line");
        if (!line.isEmpty()) {
            statement = line;
            lines.expectBlank("a blank line after the statement");
        }
        String uri = lines.field("URI: ");
        String version = lines.field("Version: ");
        String chain = lines.field("Chain ID: ");
        String nonce = lines.field("Nonce: ");
        String issuedAt = lines.field("Issued At: ");
        String expiration = lines.optionalField("Expiration Time: ");
        String notBefore = lines.optionalField("Not Before: ");
        String requestId = lines.optionalField("Request ID: ");
        List<String> resources = new ArrayList<>();
        if (lines.hasNext() && lines.peek().equals("Resources:")) {
            lines.next("Resources:");
            while (lines.hasNext()) {
                String r = lines.next("a resource");
                if (!r.startsWith("- ")) {
                    throw malformed("each resource must be on its own line starting with '- '");
                }
                resources.add(r.substring(2));
            }
        }
        if (lines.hasNext()) {
            throw malformed("unexpected text after the last field: '" + lines.peek() + "'");
        }
        if (!chain.matches("\\d{1,18}")) {
            throw new SiweException(SiweError.INVALID_FIELD, "Chain ID '" + chain + "' is not a number");
        }
        return new SiweMessage(
                first.group(1),
                first.group(2),
                address,
                statement,
                uri,
                version,
                Long.parseLong(chain),
                nonce,
                issuedAt,
                expiration,
                notBefore,
                requestId,
                resources);
    }

    /** The exact text a wallet signs. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (scheme != null) {
            sb.append(scheme).append("://");
        }
        sb.append(domain).append(PREAMBLE).append('\n').append(address).append("\n\n");
        if (statement != null) {
            sb.append(statement).append('\n');
        }
        sb.append('\n')
                .append("URI: ")
                .append(uri)
                .append('\n')
                .append("Version: ")
                .append(version)
                .append('\n')
                .append("Chain ID: ")
                .append(chainId)
                .append('\n')
                .append("Nonce: ")
                .append(nonce)
                .append('\n')
                .append("Issued At: ")
                .append(issuedAt);
        if (expirationTime != null) {
            sb.append("\nExpiration Time: ").append(expirationTime);
        }
        if (notBefore != null) {
            sb.append("\nNot Before: ").append(notBefore);
        }
        if (requestId != null) {
            sb.append("\nRequest ID: ").append(requestId);
        }
        if (!resources.isEmpty()) {
            sb.append("\nResources:");
            resources.forEach(r -> sb.append("\n- ").append(r));
        }
        return sb.toString();
    }

    /** Parses an RFC 3339 date-time, rejecting calendar-invalid dates such as February 31. */
    public static OffsetDateTime time(String value) {
        return OffsetDateTime.parse(value.toUpperCase(java.util.Locale.ROOT));
    }

    private static SiweException malformed(String why) {
        return new SiweException(SiweError.MALFORMED_MESSAGE, why);
    }

    /** Line cursor with the error messages of a strict parser. */
    private static final class Lines {
        private final String[] lines;
        private int at;

        Lines(String[] lines) {
            this.lines = lines;
        }

        boolean hasNext() {
            return at < lines.length;
        }

        String peek() {
            return lines[at];
        }

        String next(String what) {
            if (!hasNext()) {
                throw malformed("the message ends before " + what);
            }
            return lines[at++];
        }

        void expectBlank(String what) {
            if (!next(what).isEmpty()) {
                throw malformed("expected " + what);
            }
        }

        String field(String prefix) {
            String line = next("'" + prefix.trim() + "'");
            if (!line.startsWith(prefix)) {
                throw malformed("expected '" + prefix.trim() + "' but found '" + line + "'");
            }
            return line.substring(prefix.length());
        }

        String optionalField(String prefix) {
            return hasNext() && peek().startsWith(prefix) ? lines[at++].substring(prefix.length()) : null;
        }
    }
}
