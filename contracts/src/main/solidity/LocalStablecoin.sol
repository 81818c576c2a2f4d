// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title A 6-decimal stablecoin (USDC-like) for local chains and tests.
/// @notice Agreements are paid in it locally; in production a real stablecoin address is configured.
contract LocalStablecoin is ERC20, Ownable {
    constructor(address owner) ERC20("Flashback Local USD", "fUSD") Ownable(owner) {}

    /// 6 decimals like USDC, so that amounts in tests and on the local chain look like production ones.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
