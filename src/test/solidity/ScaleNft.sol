// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// A plain ERC-721 (no Enumerable) for the scale benchmark. replay() writes a long ownership history in few
/// transactions: each packed word is (token id << 160 | new owner), and every step moves the token and emits the
/// Transfer a real transfer would, so the owner index has a genuine log history to build from. Balances are set once
/// at the end from the final owners (setBalances), which is far cheaper than keeping them through every step.
/// tokenURI is an on-chain data: URI whose one trait, Tier, depends on the id.
contract ScaleNft {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);

    mapping(uint256 => address) private owners;
    mapping(address => uint256) private balances;

    function replay(uint256[] calldata steps) external {
        for (uint256 i = 0; i < steps.length; i++) {
            uint256 id = steps[i] >> 160;
            address to = address(uint160(steps[i]));
            address from = owners[id];
            owners[id] = to;
            emit Transfer(from, to, id);
        }
    }

    function setBalances(address[] calldata holders, uint256[] calldata counts) external {
        for (uint256 i = 0; i < holders.length; i++) {
            balances[holders[i]] = counts[i];
        }
    }

    function ownerOf(uint256 id) external view returns (address) {
        address o = owners[id];
        require(o != address(0), "ERC721NonexistentToken");
        return o;
    }

    function balanceOf(address holder) external view returns (uint256) {
        return balances[holder];
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x80ac58cd || id == 0x5b5e139f || id == 0x01ffc9a7;
    }

    function tokenURI(uint256 id) external view returns (string memory) {
        require(owners[id] != address(0), "ERC721NonexistentToken");
        string[4] memory tiers = ["Gold", "Silver", "Bronze", "Iron"];
        return string.concat(
            'data:application/json;utf8,{"name":"Scale #',
            Strings.toString(id),
            '","attributes":[{"trait_type":"Tier","value":"',
            tiers[id % 4],
            '"}]}'
        );
    }
}
