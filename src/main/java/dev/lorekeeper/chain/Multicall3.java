package dev.lorekeeper.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AGGREGATE3);
        out.writeBytes(Abi.uint(BigInteger.valueOf(32)));
        out.writeBytes(Abi.uint(BigInteger.valueOf(calls.size())));
        List<byte[]> tuples = new ArrayList<>(calls.size());
        for (Call c : calls) {
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            t.writeBytes(Abi.address(c.target()));
            t.writeBytes(Abi.uint(BigInteger.ONE));
            t.writeBytes(Abi.uint(BigInteger.valueOf(96)));
            t.writeBytes(Abi.uint(BigInteger.valueOf(c.data().length)));
            t.writeBytes(c.data());
            t.writeBytes(new byte[(32 - c.data().length % 32) % 32]);
            tuples.add(t.toByteArray());
        }
        long offset = 32L * calls.size();
        for (byte[] t : tuples) {
            out.writeBytes(Abi.uint(BigInteger.valueOf(offset)));
            offset += t.length;
        }
        tuples.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static List<Result> decode(byte[] data) {
        int arrayStart = Abi.word(data, 0).intValueExact();
        int n = new BigInteger(1, Arrays.copyOfRange(data, arrayStart, arrayStart + 32)).intValueExact();
        int heads = arrayStart + 32;
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tuple = heads
                    + new BigInteger(1, Arrays.copyOfRange(data, heads + 32 * i, heads + 32 * i + 32)).intValueExact();
            boolean success = data[tuple + 31] != 0;
            int bytesAt = tuple + new BigInteger(1, Arrays.copyOfRange(data, tuple + 32, tuple + 64)).intValueExact();
            int len = new BigInteger(1, Arrays.copyOfRange(data, bytesAt, bytesAt + 32)).intValueExact();
            results.add(new Result(success, Arrays.copyOfRange(data, bytesAt + 32, bytesAt + 32 + len)));
        }
        return results;
    }
}
