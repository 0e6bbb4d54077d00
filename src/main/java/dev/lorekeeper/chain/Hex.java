package dev.lorekeeper.chain;

/**
 * Hex with a {@code 0x} prefix, by table: a sweep turns megabytes of calldata and return data into hex and back, and
 * a per-character {@code Character.digit} showed up as one of its largest costs.
 */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['a' + i] = (byte) (10 + i);
            VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private Hex() {}

    static String encode(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** As {@link #encode}, as ASCII bytes for a request body. */
    static byte[] encodeAscii(byte[] bytes) {
        byte[] out = new byte[2 + bytes.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = (byte) DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = (byte) DIGITS[bytes[i] & 0xf];
        }
        return out;
    }

    /** Decodes with or without {@code 0x}; an odd length is read as if it had a leading zero. */
    static byte[] decode(String hex) {
        int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
        int digits = hex.length() - start;
        byte[] out = new byte[(digits + 1) / 2];
        int o = out.length - 1;
        for (int i = hex.length() - 1; i >= start; i -= 2) {
            int low = value(hex.charAt(i));
            int high = i - 1 >= start ? value(hex.charAt(i - 1)) : 0;
            out[o--] = (byte) (high << 4 | low);
        }
        return out;
    }

    private static int value(char c) {
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("not a hex digit: " + c);
        }
        return v;
    }
}
