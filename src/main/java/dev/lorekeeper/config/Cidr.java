package dev.lorekeeper.config;

import java.net.InetAddress;
import java.util.Arrays;

/** A block of IP addresses such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of one. */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** Parses "10.0.0.0/8", "192.0.2.10" or "fd00::/8"; the message of the exception says what is wrong. */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        byte[] address = IpLiteral.parse(addressPart)
                .map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block "
                        + "(e.g. 10.0.0.0/8, 192.0.2.10 or fd00::/8)"));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + s + "' has an invalid prefix length (0 to " + bits + ")");
            }
            prefix = Integer.parseInt(p);
        }
        if (prefix == 0) {
            throw new IllegalArgumentException("'" + s + "' would trust every address, so anyone could choose "
                    + "the client address they claim; list only your proxies' addresses");
        }
        byte[] network = mask(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException(
                    "'" + s + "' has host bits set; did you mean '" + format(network) + "/" + prefix + "'?");
        }
        return new Cidr(network, prefix, s);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static String format(byte[] network) {
        try {
            return InetAddress.getByAddress(network).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
