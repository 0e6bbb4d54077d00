// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A test registry with the delegate.xyz v2 read interface that Lorekeeper uses (getIncomingDelegations,
/// checkDelegateForAll, checkDelegateForContract), and simple writes for tests.
contract TestDelegateRegistry {
    enum DelegationType { NONE, ALL, CONTRACT, ERC721, ERC20, ERC1155 }

    struct Delegation {
        DelegationType type_;
        address to;
        address from;
        bytes32 rights;
        address contract_;
        uint256 tokenId;
        uint256 amount;
    }

    Delegation[] private delegations;

    function delegateAll(address to, bytes32 rights, bool enable) external {
        _set(Delegation(DelegationType.ALL, to, msg.sender, rights, address(0), 0, 0), enable);
    }

    function delegateContract(address to, address contract_, bytes32 rights, bool enable) external {
        _set(Delegation(DelegationType.CONTRACT, to, msg.sender, rights, contract_, 0, 0), enable);
    }

    function _set(Delegation memory d, bool enable) private {
        for (uint256 i = 0; i < delegations.length; i++) {
            Delegation storage e = delegations[i];
            if (e.type_ == d.type_ && e.to == d.to && e.from == d.from && e.contract_ == d.contract_) {
                if (!enable) {
                    delegations[i] = delegations[delegations.length - 1];
                    delegations.pop();
                }
                return;
            }
        }
        if (enable) {
            delegations.push(d);
        }
    }

    function getIncomingDelegations(address to) external view returns (Delegation[] memory out) {
        uint256 n = 0;
        for (uint256 i = 0; i < delegations.length; i++) {
            if (delegations[i].to == to) n++;
        }
        out = new Delegation[](n);
        uint256 j = 0;
        for (uint256 i = 0; i < delegations.length; i++) {
            if (delegations[i].to == to) out[j++] = delegations[i];
        }
    }

    function checkDelegateForAll(address to, address from, bytes32 rights) public view returns (bool) {
        for (uint256 i = 0; i < delegations.length; i++) {
            Delegation storage d = delegations[i];
            if (d.type_ == DelegationType.ALL && d.to == to && d.from == from && (rights == 0 || d.rights == rights)) {
                return true;
            }
        }
        return false;
    }

    function checkDelegateForContract(address to, address from, address contract_, bytes32 rights)
        external view returns (bool)
    {
        if (checkDelegateForAll(to, from, rights)) return true;
        for (uint256 i = 0; i < delegations.length; i++) {
            Delegation storage d = delegations[i];
            if (d.type_ == DelegationType.CONTRACT && d.to == to && d.from == from && d.contract_ == contract_
                && (rights == 0 || d.rights == rights)) {
                return true;
            }
        }
        return false;
    }
}
