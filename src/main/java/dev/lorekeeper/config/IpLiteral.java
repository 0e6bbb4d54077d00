package dev.lorekeeper.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address written as text, parsed without ever asking DNS: headers such as X-Forwarded-For and config values
 * hold addresses, and a host name there is an error, not something to resolve.
 */
public final class IpLiteral {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern BRACKETED_V6 = Pattern.compile("\\[([^\\]]+)](?::\\d{1,5})?");
    // A leading hex digit or colon is what makes the JDK parse the text as a literal instead of looking it up.
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private IpLiteral() {}

    /** The address in {@code text}: "203.0.113.7" or "2001:db8::1". */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        return v4(s).or(() -> v6(s));
    }

    /** As {@link #parse}, also with a port as some proxies write it: "203.0.113.7:5123", "[2001:db8::1]:443". */
    public static Optional<InetAddress> parseWithOptionalPort(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        Matcher bracketed = BRACKETED_V6.matcher(s);
        if (bracketed.matches()) {
            return v6(bracketed.group(1));
        }
        Matcher withPort = V4_WITH_PORT.matcher(s);
        return withPort.matches() ? v4(withPort.group(1)) : parse(s);
    }

    private static Optional<InetAddress> v4(String s) {
        Matcher m = V4.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        return address(bytes);
    }

    private static Optional<InetAddress> v6(String s) {
        if (!s.contains(":") || !V6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
