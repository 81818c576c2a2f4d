// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title FLASH, the staking token used for provider collateral on local chains and in tests.
/// @notice In production the address of the real staking token is configured instead; this
///         contract only exists so that a local chain has a token the owner can mint.
contract FlashToken is ERC20, Ownable {
    constructor(address owner) ERC20("Flashback Stake", "FLASH") Ownable(owner) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
