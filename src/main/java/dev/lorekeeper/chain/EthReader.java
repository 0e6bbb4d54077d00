package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.web3j.utils.Numeric;

/** Plain reads: code at an address, and eth_call. */
public final class EthReader {
    private final RpcClient rpc;

    public EthReader(RpcClient rpc) {
        this.rpc = rpc;
    }

    public boolean hasCode(String address) {
        String code = rpc.call("eth_getCode", address, "latest").asText("0x");
        return code.length() > 2;
    }

    /** eth_call at the latest block; returns the raw return data. A revert is an RpcException with transport()=false. */
    public byte[] call(String to, byte[] data) {
        JsonNode r = rpc.call("eth_call", Map.of("to", to, "data", Numeric.toHexString(data)), "latest");
        return Numeric.hexStringToByteArray(r.asText("0x"));
    }

    public long chainId() {
        return Numeric.toBigInt(rpc.call("eth_chainId").asText()).longValueExact();
    }
}
