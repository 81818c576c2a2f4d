// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only hostile ERC-20: when `target` transfers tokens out, the token calls back into
///         `target` with `payload` (a second withdrawal) and records whether that reentry failed.
///         The token contract also acts as the attacking account itself through `execute`.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public payload;
    bool public reentryAttempted;
    bool public reentrySucceeded;
    bytes public reentryError;

    constructor() ERC20("Hostile", "EVIL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    /// Calls `to` as this contract, bubbling up any revert.
    function execute(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == target && target != address(0) && !reentryAttempted) {
            reentryAttempted = true;
            (bool ok, bytes memory result) = target.call(payload);
            reentrySucceeded = ok;
            reentryError = result;
        }
    }
}
