package dev.lorekeeper.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.utils.Numeric;

/** The few ABI encodings Lorekeeper needs, written out directly: they sit on the hot path of every sweep. */
public final class Abi {
    static final byte[] BALANCE_OF = selector("70a08231");
    static final byte[] BALANCE_OF_ID = selector("00fdd58e");
    static final byte[] OWNER_OF = selector("6352211e");
    static final byte[] TOKEN_OF_OWNER_BY_INDEX = selector("2f745c59");
    static final byte[] DECIMALS = selector("313ce567");
    static final byte[] SUPPORTS_INTERFACE = selector("01ffc9a7");
    static final byte[] TOKEN_URI = selector("c87b56dd");
    static final byte[] URI = selector("0e89341c");
    static final byte[] GET_ETH_BALANCE = selector("4d2301cc");

    public static final String ERC721 = "0x80ac58cd";
    public static final String ERC721_ENUMERABLE = "0x780e9d63";
    public static final String ERC1155 = "0xd9b67a26";

    private Abi() {}

    static byte[] selector(String hex) {
        return Numeric.hexStringToByteArray(hex);
    }

    /** selector followed by 32-byte words. */
    static byte[] call(byte[] selector, byte[]... words) {
        byte[] out = Arrays.copyOf(selector, 4 + 32 * words.length);
        for (int i = 0; i < words.length; i++) {
            System.arraycopy(words[i], 0, out, 4 + 32 * i, 32);
        }
        return out;
    }

    static byte[] address(String address) {
        byte[] a = Hex.decode(address);
        byte[] word = new byte[32];
        System.arraycopy(a, 0, word, 32 - a.length, a.length);
        return word;
    }

    static byte[] uint(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] word = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, word, 32 - len, len);
        return word;
    }

    static byte[] bytes4(BigInteger v) {
        byte[] word = new byte[32];
        byte[] raw = uint(v);
        System.arraycopy(raw, 28, word, 0, 4);
        return word;
    }

    static BigInteger word(byte[] data, int index) {
        if (data.length < 32 * (index + 1)) {
            throw new IllegalArgumentException("return data too short");
        }
        return new BigInteger(1, Arrays.copyOfRange(data, 32 * index, 32 * (index + 1)));
    }

    /** Decodes an ABI-encoded single string return value. */
    static String string(byte[] data) {
        int offset = word(data, 0).intValueExact();
        int length = new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32)).intValueExact();
        if (offset + 32 + length > data.length) {
            throw new IllegalArgumentException("string longer than return data");
        }
        return new String(data, offset + 32, length, StandardCharsets.UTF_8);
    }

    /** The calldata for a read. */
    static byte[] encode(Read r) {
        return switch (r.kind()) {
            case ERC721_BALANCE, ERC20_BALANCE -> call(BALANCE_OF, address(r.holder()));
            case ERC1155_BALANCE -> call(BALANCE_OF_ID, address(r.holder()), uint(r.id()));
            case ERC20_DECIMALS -> DECIMALS;
            case OWNER_OF -> call(OWNER_OF, uint(r.id()));
            case TOKEN_OF_OWNER_BY_INDEX -> call(TOKEN_OF_OWNER_BY_INDEX, address(r.holder()), uint(r.id()));
            case SUPPORTS_INTERFACE -> call(SUPPORTS_INTERFACE, bytes4(r.id()));
            case TOKEN_URI -> call(TOKEN_URI, uint(r.id()));
            case URI -> call(URI, uint(r.id()));
            case NATIVE_BALANCE -> call(GET_ETH_BALANCE, address(r.holder()));
        };
    }

    /** The value of a successful call's return data. */
    static ReadResult decode(Read r, byte[] data) {
        try {
            return switch (r.kind()) {
                case TOKEN_URI, URI -> ReadResult.text(string(data));
                default -> ReadResult.of(word(data, 0));
            };
        } catch (RuntimeException e) {
            return ReadResult.failed("undecodable return data for " + r.kind());
        }
    }
}
