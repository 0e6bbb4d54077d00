// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// ERC-721 with Enumerable; anyone may mint in tests. tokenURI is baseURI + id.
contract TestNftEnumerable is ERC721Enumerable {
    string private base;

    constructor(string memory baseUri) ERC721("Test Enumerable", "TNE") {
        base = baseUri;
    }

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }

    function mintBatch(address[] calldata to, uint256 firstId) external {
        for (uint256 i = 0; i < to.length; i++) {
            _mint(to[i], firstId + i);
        }
    }

    function _baseURI() internal view override returns (string memory) {
        return base;
    }
}

/// ERC-721 without Enumerable: holders can only be found from Transfer logs.
contract TestNft is ERC721 {
    string private base;

    constructor(string memory baseUri) ERC721("Test Plain", "TNP") {
        base = baseUri;
    }

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }

    function mintBatch(address[] calldata to, uint256 firstId) external {
        for (uint256 i = 0; i < to.length; i++) {
            _mint(to[i], firstId + i);
        }
    }

    function _baseURI() internal view override returns (string memory) {
        return base;
    }
}

contract TestMultiToken is ERC1155 {
    constructor(string memory uri_) ERC1155(uri_) {}

    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }

    function mintBatchTo(address[] calldata to, uint256 id, uint256 amount) external {
        for (uint256 i = 0; i < to.length; i++) {
            _mint(to[i], id, amount, "");
        }
    }
}

contract TestCoin is ERC20 {
    constructor() ERC20("Test Coin", "TCN") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function mintBatch(address[] calldata to, uint256 amount) external {
        for (uint256 i = 0; i < to.length; i++) {
            _mint(to[i], amount);
        }
    }
}
