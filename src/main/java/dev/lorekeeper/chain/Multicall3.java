package dev.lorekeeper.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ABI for Multicall3 {@code aggregate3((address,bool,bytes)[])}, hand-written for speed and few allocations. */
final class Multicall3 {
    private static final byte[] AGGREGATE3 = Abi.selector("82ad56cb");

    private Multicall3() {}

    /** A sub-call: target contract and calldata; failures are allowed so one bad call never sinks the batch. */
    record Call(String target, byte[] data) {}

    /** A sub-call's outcome. */
    record Result(boolean success, byte[] data) {}

    static byte[] encode(List<Call> calls) {
        // Sizes first, then one array written in place: no stream, no BigInteger per word.
        int n = calls.size();
        int[] tupleSizes = new int[n];
        int total = 4 + 32 + 32 + 32 * n;
        for (int i = 0; i < n; i++) {
            int len = calls.get(i).data().length;
            tupleSizes[i] = 32 * 4 + (len + 31) / 32 * 32;
            total += tupleSizes[i];
        }
        byte[] out = new byte[total];
        System.arraycopy(AGGREGATE3, 0, out, 0, 4);
        putInt(out, 4, 32);
        putInt(out, 36, n);
        int heads = 68;
        long offset = 32L * n;
        int at = heads + 32 * n;
        for (int i = 0; i < n; i++) {
            putInt(out, heads + 32 * i, offset);
            offset += tupleSizes[i];
            Call c = calls.get(i);
            System.arraycopy(Abi.address(c.target()), 0, out, at, 32);
            out[at + 63] = 1; // allowFailure
            putInt(out, at + 64, 96);
            putInt(out, at + 96, c.data().length);
            System.arraycopy(c.data(), 0, out, at + 128, c.data().length);
            at += tupleSizes[i];
        }
        return out;
    }

    /** A non-negative value as a 32-byte big-endian word at {@code at} (the array is zeroed already). */
    private static void putInt(byte[] out, int at, long value) {
        for (int b = 0; b < 8; b++) {
            out[at + 31 - b] = (byte) (value >>> (8 * b));
        }
    }

    /** A word that must hold a small offset or length: anything else is an absurd answer. */
    private static int smallWord(byte[] data, int at) {
        if (at < 0 || at + 32 > data.length) {
            throw new IllegalArgumentException("answer too short");
        }
        for (int i = at; i < at + 28; i++) {
            if (data[i] != 0) {
                throw new ArithmeticException("offset or length out of range");
            }
        }
        int v = (data[at + 28] & 0xff) << 24
                | (data[at + 29] & 0xff) << 16
                | (data[at + 30] & 0xff) << 8
                | (data[at + 31] & 0xff);
        if (v < 0) {
            throw new ArithmeticException("offset or length out of range");
        }
        return v;
    }

    static List<Result> decode(byte[] data) {
        int arrayStart = smallWord(data, 0);
        int n = smallWord(data, arrayStart);
        int heads = arrayStart + 32;
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tuple = Math.addExact(heads, smallWord(data, heads + 32 * i));
            boolean success = smallWord(data, tuple) != 0;
            int bytesAt = Math.addExact(tuple, smallWord(data, tuple + 32));
            int len = smallWord(data, bytesAt);
            int from = bytesAt + 32;
            if (Math.addExact(from, len) > data.length) {
                throw new IllegalArgumentException("answer too short");
            }
            results.add(new Result(success, Arrays.copyOfRange(data, from, from + len)));
        }
        return results;
    }
}
