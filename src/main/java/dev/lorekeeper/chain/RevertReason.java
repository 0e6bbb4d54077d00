package dev.lorekeeper.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * A contract's revert in words. Nodes report custom errors as a selector and padded arguments ("custom error
 * 0x7e273289: 00…07"); the standard token errors (OpenZeppelin's IERC6093 and ERC721A's) are decoded into what
 * they mean ("token #7 does not exist"), anything else is "the contract reverted". The selectors are computed from
 * the signatures, so a typo in a signature can not silently match nothing.
 */
public final class RevertReason {
    private static final Pattern CUSTOM_ERROR = Pattern.compile("custom error (0x[0-9a-fA-F]{8}):?\\s*([0-9a-fA-F]*)");
    private static final Map<String, Known> BY_SELECTOR = new HashMap<>();

    private record Known(String name, List<String> types, Function<List<Object>, String> words) {}

    static {
        known("ERC721NonexistentToken(uint256)", a -> "token #" + a.get(0) + " does not exist");
        known(
                "ERC721IncorrectOwner(address,uint256,address)",
                a -> "token #" + a.get(1) + " belongs to " + a.get(2) + ", not " + a.get(0));
        known("ERC721InvalidOwner(address)", a -> a.get(0) + " can not own tokens");
        known("ERC721InsufficientApproval(address,uint256)", a -> a.get(0) + " is not approved for token #" + a.get(1));
        known("ERC721InvalidSender(address)", a -> a.get(0) + " can not send tokens");
        known("ERC721InvalidReceiver(address)", a -> a.get(0) + " can not receive tokens");
        known("ERC721InvalidApprover(address)", a -> a.get(0) + " can not approve");
        known("ERC721InvalidOperator(address)", a -> a.get(0) + " can not be an operator");
        known(
                "ERC1155InsufficientBalance(address,uint256,uint256,uint256)",
                a -> a.get(0) + " holds " + a.get(1) + " of token #" + a.get(3) + ", not the " + a.get(2) + " needed");
        known("ERC1155InvalidSender(address)", a -> a.get(0) + " can not send tokens");
        known("ERC1155InvalidReceiver(address)", a -> a.get(0) + " can not receive tokens");
        known(
                "ERC1155MissingApprovalForAll(address,address)",
                a -> a.get(0) + " is not approved for the tokens of " + a.get(1));
        known("ERC1155InvalidApprover(address)", a -> a.get(0) + " can not approve");
        known("ERC1155InvalidOperator(address)", a -> a.get(0) + " can not be an operator");
        known(
                "ERC1155InvalidArrayLength(uint256,uint256)",
                a -> "ids and amounts differ in length (" + a.get(0) + " and " + a.get(1) + ")");
        known(
                "ERC20InsufficientBalance(address,uint256,uint256)",
                a -> a.get(0) + " has a balance of " + a.get(1) + ", not the " + a.get(2) + " needed");
        known("ERC20InvalidSender(address)", a -> a.get(0) + " can not send tokens");
        known("ERC20InvalidReceiver(address)", a -> a.get(0) + " can not receive tokens");
        known(
                "ERC20InsufficientAllowance(address,uint256,uint256)",
                a -> a.get(0) + " may spend " + a.get(1) + ", not the " + a.get(2) + " needed");
        known("ERC20InvalidApprover(address)", a -> a.get(0) + " can not approve");
        known("ERC20InvalidSpender(address)", a -> a.get(0) + " can not spend");
        known("OwnerQueryForNonexistentToken()", a -> "the token does not exist");
        known("URIQueryForNonexistentToken()", a -> "the token does not exist");
        known("BalanceQueryForZeroAddress()", a -> "the zero address has no balance");
        known("Error(string)", a -> "the contract reverted: " + a.get(0));
        known("Panic(uint256)", a -> "the contract failed (panic code 0x" + ((BigInteger) a.get(0)).toString(16) + ")");
    }

    private RevertReason() {}

    private static void known(String signature, Function<List<Object>, String> words) {
        String name = signature.substring(0, signature.indexOf('('));
        String params = signature.substring(name.length() + 1, signature.length() - 1);
        List<String> types = params.isEmpty() ? List.of() : List.of(params.split(","));
        BY_SELECTOR.put(Hash.sha3String(signature).substring(0, 10), new Known(name, types, words));
    }

    /** The selector of a known error's signature, for tests and for readers of a log. */
    static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /**
     * The revert in words, from the node's error message and its {@code data} (either may be null). Decoded custom
     * errors name themselves after the words: "token #7 does not exist (ERC721NonexistentToken)".
     */
    public static String describe(String message, String data) {
        String hex = data != null && data.matches("0x[0-9a-fA-F]{8,}") ? data : fromMessage(message);
        if (hex != null) {
            Known k = BY_SELECTOR.get(hex.substring(0, 10).toLowerCase(Locale.ROOT));
            if (k != null) {
                try {
                    String words = k.words().apply(decode(k.types(), Numeric.hexStringToByteArray(hex.substring(10))));
                    return k.name().equals("Error") || k.name().equals("Panic") ? words : words + " (" + k.name() + ")";
                } catch (RuntimeException e) {
                    return "the contract reverted with " + k.name() + " (arguments unreadable)";
                }
            }
            return "the contract reverted (custom error " + hex.substring(0, 10) + ")";
        }
        String reason = message == null
                ? ""
                : message.replaceFirst("(?i)^execution reverted:?\\s*", "").strip();
        return reason.isEmpty() ? "the contract reverted" : "the contract reverted: " + reason;
    }

    private static String fromMessage(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = CUSTOM_ERROR.matcher(message);
        return m.find() ? m.group(1) + m.group(2) : null;
    }

    private static List<Object> decode(List<String> types, byte[] args) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            byte[] word = word(args, i);
            switch (types.get(i)) {
                case "address" -> out.add(Keys.toChecksumAddress(Numeric.toHexString(word, 12, 20, true)));
                case "uint256" -> out.add(new BigInteger(1, word));
                default -> out.add(string(args, new BigInteger(1, word).intValueExact()));
            }
        }
        return out;
    }

    private static byte[] word(byte[] args, int index) {
        if (args.length < (index + 1) * 32) {
            throw new IllegalArgumentException("short revert data");
        }
        byte[] w = new byte[32];
        System.arraycopy(args, index * 32, w, 0, 32);
        return w;
    }

    /** A dynamic string at {@code offset}: its length word, then its bytes; capped, as anyone writes it. */
    private static String string(byte[] args, int offset) {
        if (offset % 32 != 0) {
            throw new IllegalArgumentException("bad string offset");
        }
        int length = new BigInteger(1, word(args, offset / 32)).intValueExact();
        if (offset + 32 + length > args.length) {
            throw new IllegalArgumentException("bad string offset");
        }
        String s = new String(args, offset + 32, Math.min(length, 200), StandardCharsets.UTF_8);
        return s.replaceAll("[\\p{Cntrl}]", " ").strip();
    }
}
