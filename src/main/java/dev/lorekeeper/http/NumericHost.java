package dev.lorekeeper.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a host written in numbers stands for, read as browsers (the WHATWG URL standard) and curl read it: a
 * host whose last label is a number is an IPv4 address in one to four parts, each decimal, octal ({@code 0177}) or hex
 * ({@code 0x7f}), so {@code 127.1}, {@code 2130706433}, {@code 0x7f.1} and {@code 0177.0.0.1} all mean 127.0.0.1.
 * The JDK reads some of these differently ({@code 0177.0.0.1} as 177.0.0.1), which is why the address checked here
 * is the one connected to, and the spelling is never handed on.
 */
final class NumericHost {
    private static final Pattern NUMBER = Pattern.compile("\\d+|0[xX][0-9a-fA-F]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private NumericHost() {}

    /** The address, or empty when the host is a name; refused when it is numeric but no valid address. */
    static Optional<InetAddress> parse(String host) throws FetchRefusedException {
        if (host.contains(":")) {
            return Optional.of(ipv6(host));
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (!NUMBER.matcher(parts[parts.length - 1]).matches()) {
            return Optional.empty();
        }
        if (parts.length > 4) {
            throw FetchRefusedException.invalidAddress();
        }
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            long value = number(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? 1L << (8 * (5 - parts.length)) : 256;
            if (value >= limit) {
                throw FetchRefusedException.invalidAddress();
            }
            address = last ? (address << (8 * (5 - parts.length))) | value : (address << 8) | value;
        }
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw FetchRefusedException.invalidAddress(); // four bytes are always valid
        }
    }

    private static long number(String part) throws FetchRefusedException {
        if (!NUMBER.matcher(part).matches() || part.length() > 20) {
            throw FetchRefusedException.invalidAddress();
        }
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            return part.length() > 1 && part.startsWith("0") ? Long.parseLong(part, 8) : Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw FetchRefusedException.invalidAddress(); // too large, or 8 and 9 in an octal part
        }
    }

    private static InetAddress ipv6(String host) throws FetchRefusedException {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV6.matcher(literal).matches()) {
            throw FetchRefusedException.invalidAddress(); // also zone ids (%eth0): only link-local needs them
        }
        try {
            return InetAddress.getByName(literal); // with a ':' the JDK parses a literal and never asks DNS
        } catch (UnknownHostException e) {
            throw FetchRefusedException.invalidAddress();
        }
    }
}
