// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Registry of bridge nodes and of the collateral their providers stake.
/// @notice A node is bound to a provider wallet by a claim the node signs with its node key
///         (EIP-712, https://eips.ethereum.org/EIPS/eip-712). A node's id is derived from its node
///         key's address (`nodeIdFor`), so nobody can claim a node id with a key other than that
///         node's (security issue #13, M5: front-running a platform node id). The provider then deposits collateral
///         in the staking token. Collateral locked by active agreements can be unlocked or slashed
///         only by the escrow; the rest can be withdrawn after an unbonding period.
/// @dev The reentrancy guard lives in transient storage (EIP-1153, https://eips.ethereum.org/EIPS/eip-1153):
///      about 5 k gas cheaper per guarded call than a storage flag, which matters for settlement.
contract BridgeNodeRegistry is AccessControl, ReentrancyGuardTransient, EIP712, Nonces {
    using SafeERC20 for IERC20;

    bytes32 public constant ESCROW_ROLE = keccak256("ESCROW_ROLE");

    /// The claim a node signs. The provider is part of the signed data so that a claim signed for
    /// one wallet cannot be submitted by another; the nonce (per node address) and the deadline
    /// stop replays; the EIP-712 domain binds it to this chain id and this contract.
    bytes32 public constant NODE_CLAIM_TYPEHASH =
        keccak256("NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)");

    uint256 public constant MAX_UNBONDING_PERIOD = 365 days;

    struct Node {
        address provider;
        address nodeAddress;
        uint128 bonded; // staked and not unbonding; includes `locked`
        uint128 locked; // part of `bonded` held by agreements
        uint128 unbonding; // requested for withdrawal, waiting for `unbondingEnds`
        uint64 unbondingEnds;
    }

    error ClaimExpired(uint256 deadline);
    error InvalidNodeSignature();
    error NodeAlreadyClaimed(bytes32 nodeId);
    error NodeAddressInUse(address nodeAddress);
    error ZeroNodeAddress();
    error NodeIdNotOfNodeKey(bytes32 nodeId, bytes32 expected);
    error UnknownNode(bytes32 nodeId);
    error NotNodeProvider(bytes32 nodeId, address caller);
    error ZeroAmount();
    error InsufficientFreeCollateral(uint256 requested, uint256 free);
    error InsufficientLockedCollateral(uint256 requested, uint256 locked);
    error NothingUnbonding();
    error StillUnbonding(uint256 unbondingEnds);
    error UnbondingPeriodTooLong(uint256 period);

    event NodeClaimed(bytes32 indexed nodeId, address indexed provider, address indexed nodeAddress);
    event CollateralDeposited(bytes32 indexed nodeId, address indexed provider, uint256 amount, uint256 bonded);
    event WithdrawalRequested(bytes32 indexed nodeId, uint256 amount, uint256 unbonding, uint256 unbondingEnds);
    event CollateralWithdrawn(bytes32 indexed nodeId, address indexed provider, uint256 amount);
    event CollateralLocked(bytes32 indexed nodeId, uint256 amount, uint256 locked);
    event CollateralUnlocked(bytes32 indexed nodeId, uint256 amount, uint256 locked);
    event CollateralSlashed(bytes32 indexed nodeId, address indexed recipient, uint256 amount, uint256 locked);
    event UnbondingPeriodChanged(uint256 period);

    IERC20 public immutable stakingToken;
    uint256 public unbondingPeriod;
    mapping(bytes32 => Node) private nodes;
    mapping(address => bytes32) public nodeIdOf;

    constructor(address governance, IERC20 stakingToken_, uint256 unbondingPeriod_)
        EIP712("Flashback BridgeNodeRegistry", "1")
    {
        if (unbondingPeriod_ > MAX_UNBONDING_PERIOD) revert UnbondingPeriodTooLong(unbondingPeriod_);
        stakingToken = stakingToken_;
        unbondingPeriod = unbondingPeriod_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
    }

    // ---------------------------------------------------------------- claims

    /// Binds `nodeId` (operated with the key of `nodeAddress`) to the calling provider wallet.
    /// `nodeId` must be `nodeIdFor(nodeAddress)`: the id belongs to the key, so whoever front-runs
    /// a claim can only bind ids of keys it holds, never the id the platform gave another node.
    function claimNode(bytes32 nodeId, address nodeAddress, uint256 nonce, uint256 deadline, bytes calldata signature)
        external
    {
        if (block.timestamp > deadline) revert ClaimExpired(deadline);
        if (nodeAddress == address(0)) revert ZeroNodeAddress();
        bytes32 expected = nodeIdFor(nodeAddress);
        if (nodeId != expected) revert NodeIdNotOfNodeKey(nodeId, expected);
        if (nodes[nodeId].provider != address(0)) revert NodeAlreadyClaimed(nodeId);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(NODE_CLAIM_TYPEHASH, nodeId, msg.sender, nonce, deadline)));
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError || signer != nodeAddress) revert InvalidNodeSignature();
        _useCheckedNonce(nodeAddress, nonce);
        if (nodeIdOf[nodeAddress] != bytes32(0)) revert NodeAddressInUse(nodeAddress);
        nodes[nodeId] = Node(msg.sender, nodeAddress, 0, 0, 0, 0);
        nodeIdOf[nodeAddress] = nodeId;
        emit NodeClaimed(nodeId, msg.sender, nodeAddress);
    }

    /// The EIP-712 digest a node signs for a claim (for off-chain signers and tests).
    function claimDigest(bytes32 nodeId, address provider, uint256 nonce, uint256 deadline) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(NODE_CLAIM_TYPEHASH, nodeId, provider, nonce, deadline)));
    }

    /// The node id of a node key: the first 16 bytes of keccak256(nodeAddress) as an RFC 9562
    /// version-8 UUID (https://www.rfc-editor.org/rfc/rfc9562#section-5.8: version nibble 8,
    /// variant bits 10), left-aligned in 32 bytes like every platform UUID on chain. The registry
    /// service gives an announced node this UUID as its platform id.
    function nodeIdFor(address nodeAddress) public pure returns (bytes32) {
        uint256 h = uint256(keccak256(abi.encodePacked(nodeAddress))) & ~uint256(type(uint128).max);
        h = (h & ~(uint256(0xF0) << 200)) | (uint256(0x80) << 200); // byte 6, high nibble: version 8
        h = (h & ~(uint256(0xC0) << 184)) | (uint256(0x80) << 184); // byte 8, top two bits: variant 10
        return bytes32(h);
    }

    // ---------------------------------------------------------------- collateral (provider)

    function depositCollateral(bytes32 nodeId, uint256 amount) external nonReentrant {
        Node storage node = _ownedBy(nodeId, msg.sender);
        if (amount == 0) revert ZeroAmount();
        // An amount of 2^128 or more would be truncated while the full amount is transferred in.
        node.bonded += SafeCast.toUint128(amount);
        emit CollateralDeposited(nodeId, msg.sender, amount, node.bonded);
        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// Starts unbonding `amount` of free (unlocked) collateral. A new request restarts the period
    /// for everything unbonding, so collateral cannot be pulled out faster by splitting requests.
    function requestWithdrawal(bytes32 nodeId, uint256 amount) external {
        Node storage node = _ownedBy(nodeId, msg.sender);
        if (amount == 0) revert ZeroAmount();
        uint256 free = node.bonded - node.locked;
        if (amount > free) revert InsufficientFreeCollateral(amount, free);
        node.bonded -= uint128(amount);
        node.unbonding += uint128(amount);
        node.unbondingEnds = uint64(block.timestamp + unbondingPeriod);
        emit WithdrawalRequested(nodeId, amount, node.unbonding, node.unbondingEnds);
    }

    function withdrawCollateral(bytes32 nodeId) external nonReentrant {
        Node storage node = _ownedBy(nodeId, msg.sender);
        uint256 amount = node.unbonding;
        if (amount == 0) revert NothingUnbonding();
        if (block.timestamp < node.unbondingEnds) revert StillUnbonding(node.unbondingEnds);
        node.unbonding = 0;
        node.unbondingEnds = 0;
        emit CollateralWithdrawn(nodeId, msg.sender, amount);
        stakingToken.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- collateral (escrow)

    function lockCollateral(bytes32 nodeId, uint256 amount) external onlyRole(ESCROW_ROLE) {
        Node storage node = _existing(nodeId);
        uint256 free = node.bonded - node.locked;
        if (amount > free) revert InsufficientFreeCollateral(amount, free);
        node.locked += uint128(amount);
        emit CollateralLocked(nodeId, amount, node.locked);
    }

    function unlockCollateral(bytes32 nodeId, uint256 amount) external onlyRole(ESCROW_ROLE) {
        Node storage node = _existing(nodeId);
        if (amount > node.locked) revert InsufficientLockedCollateral(amount, node.locked);
        node.locked -= uint128(amount);
        emit CollateralUnlocked(nodeId, amount, node.locked);
    }

    /// Takes `amount` of locked collateral and sends it to `recipient` (the escrow, which credits the
    /// consumer). Never more than what is locked: free and unbonding collateral cannot be slashed.
    function slash(bytes32 nodeId, uint256 amount, address recipient) external onlyRole(ESCROW_ROLE) nonReentrant {
        Node storage node = _existing(nodeId);
        if (amount > node.locked) revert InsufficientLockedCollateral(amount, node.locked);
        node.locked -= uint128(amount);
        node.bonded -= uint128(amount);
        emit CollateralSlashed(nodeId, recipient, amount, node.locked);
        stakingToken.safeTransfer(recipient, amount);
    }

    // ---------------------------------------------------------------- governance

    function setUnbondingPeriod(uint256 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (period > MAX_UNBONDING_PERIOD) revert UnbondingPeriodTooLong(period);
        unbondingPeriod = period;
        emit UnbondingPeriodChanged(period);
    }

    // ---------------------------------------------------------------- views

    /// The node's binding and collateral, as plain values (simple to decode for any client).
    function nodeOf(bytes32 nodeId)
        external
        view
        returns (
            address provider,
            address nodeAddress,
            uint256 bonded,
            uint256 locked,
            uint256 unbonding,
            uint256 unbondingEnds
        )
    {
        Node storage node = nodes[nodeId];
        return (node.provider, node.nodeAddress, node.bonded, node.locked, node.unbonding, node.unbondingEnds);
    }

    function providerOf(bytes32 nodeId) external view returns (address) {
        return nodes[nodeId].provider;
    }

    function freeCollateral(bytes32 nodeId) external view returns (uint256) {
        Node storage node = nodes[nodeId];
        return node.bonded - node.locked;
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _existing(bytes32 nodeId) private view returns (Node storage node) {
        node = nodes[nodeId];
        if (node.provider == address(0)) revert UnknownNode(nodeId);
    }

    function _ownedBy(bytes32 nodeId, address caller) private view returns (Node storage node) {
        node = _existing(nodeId);
        if (node.provider != caller) revert NotNodeProvider(nodeId, caller);
    }
}
