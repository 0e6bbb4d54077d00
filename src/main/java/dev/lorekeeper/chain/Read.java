package dev.lorekeeper.chain;

import java.math.BigInteger;

/**
 * One value to read from a chain, identified by what it is about (chain, contract, holder, token id) so that a
 * chain event can invalidate exactly the cached reads it affects.
 */
public record Read(String chain, Kind kind, String contract, String holder, BigInteger id) {
    public enum Kind {
        ERC721_BALANCE,
        ERC1155_BALANCE,
        ERC20_BALANCE,
        NATIVE_BALANCE,
        ERC20_DECIMALS,
        OWNER_OF,
        TOKEN_OF_OWNER_BY_INDEX,
        SUPPORTS_INTERFACE,
        TOKEN_URI,
        URI
    }

    public Read {
        contract = contract == null ? null : contract.toLowerCase(java.util.Locale.ROOT);
        holder = holder == null ? null : holder.toLowerCase(java.util.Locale.ROOT);
    }

    public static Read erc721Balance(String chain, String contract, String holder) {
        return new Read(chain, Kind.ERC721_BALANCE, contract, holder, null);
    }

    public static Read erc1155Balance(String chain, String contract, String holder, BigInteger id) {
        return new Read(chain, Kind.ERC1155_BALANCE, contract, holder, id);
    }

    public static Read erc20Balance(String chain, String contract, String holder) {
        return new Read(chain, Kind.ERC20_BALANCE, contract, holder, null);
    }

    public static Read nativeBalance(String chain, String holder) {
        return new Read(chain, Kind.NATIVE_BALANCE, null, holder, null);
    }

    public static Read decimals(String chain, String contract) {
        return new Read(chain, Kind.ERC20_DECIMALS, contract, null, null);
    }

    public static Read ownerOf(String chain, String contract, BigInteger id) {
        return new Read(chain, Kind.OWNER_OF, contract, null, id);
    }

    public static Read tokenOfOwnerByIndex(String chain, String contract, String holder, int index) {
        return new Read(chain, Kind.TOKEN_OF_OWNER_BY_INDEX, contract, holder, BigInteger.valueOf(index));
    }

    public static Read supportsInterface(String chain, String contract, String interfaceId) {
        return new Read(chain, Kind.SUPPORTS_INTERFACE, contract, null, new BigInteger(interfaceId.substring(2), 16));
    }

    public static Read tokenUri(String chain, String contract, BigInteger id) {
        return new Read(chain, Kind.TOKEN_URI, contract, null, id);
    }
}
