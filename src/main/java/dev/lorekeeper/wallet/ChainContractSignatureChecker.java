package dev.lorekeeper.wallet;

import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.RpcException;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.utils.Numeric;

/** EIP-1271 through the configured chains: {@code isValidSignature(bytes32,bytes)} must return 0x1626ba7e. */
public final class ChainContractSignatureChecker implements ContractSignatureChecker {
    static final byte[] MAGIC = Numeric.hexStringToByteArray("0x1626ba7e");

    private final Chains chains;

    public ChainContractSignatureChecker(Chains chains) {
        this.chains = chains;
    }

    @Override
    public boolean isContract(long chainId, String address) {
        try {
            return chain(chainId).reader().hasCode(address);
        } catch (RpcException e) {
            throw new ChainUnavailableException("cannot read code on chain " + chainId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isValidSignature(long chainId, String address, byte[] hash, byte[] signature) {
        Function f = new Function(
                "isValidSignature",
                List.of(new Bytes32(hash), new DynamicBytes(signature)),
                List.of(new TypeReference<Bytes4>() {}));
        try {
            byte[] out = chain(chainId).reader().call(address, Numeric.hexStringToByteArray(FunctionEncoder.encode(f)));
            return isMagicWord(out);
        } catch (RpcException e) {
            if (e.transport()) {
                throw new ChainUnavailableException("cannot call the contract wallet on chain " + chainId, e);
            }
            return false; // a revert is a refusal
        }
    }

    /**
     * EIP-1271 returns a bytes4 as one ABI word: the magic value left-aligned, then 28 zero bytes, and nothing else.
     * A contract that returns more, or garbage after the magic, has not said yes.
     */
    static boolean isMagicWord(byte[] out) {
        if (out.length != 32 || !Arrays.equals(Arrays.copyOf(out, 4), MAGIC)) {
            return false;
        }
        for (int i = 4; i < 32; i++) {
            if (out[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private Chains.Chain chain(long chainId) {
        return chains.byId(chainId)
                .orElseThrow(() -> new ChainUnavailableException(
                        "no RPC is configured for chain " + chainId + " (add it under chains: in the config)", null));
    }
}
