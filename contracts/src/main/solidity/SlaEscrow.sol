// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BridgeNodeRegistry} from "./BridgeNodeRegistry.sol";
import {OracleHub} from "./OracleHub.sol";

/// @title Escrow of SLA agreements between a consumer and a provider's bridge node.
/// @notice The payer funds all epochs at creation; the provider accepts (locking collateral) or
///         rejects. Each epoch is settled once, in order, from the agreement's result proved against
///         the OracleHub root of that epoch (OpenZeppelin MerkleProof, double-hashed leaves as in
///         OpenZeppelin's StandardMerkleTree). Settlement never transfers: the provider's share, the
///         consumer's credit, the slashed collateral and the platform fee become balances that their
///         owners withdraw (pull payments). No role can move agreement funds.
///         An epoch still unreported `settlementGraceEpochs` after its end can be settled by anyone
///         by the default for an unjudged epoch: the consumer gets that epoch's payment back, the
///         provider nothing, no fee, no slash (`settleUnreported`; security issue #13, M6).
///         References are per payer: the key is keccak256(payer, reference), so nobody can take a
///         consumer's reference before it (security issue #13, M5).
/// @dev The reentrancy guard lives in transient storage (EIP-1153, https://eips.ethereum.org/EIPS/eip-1153):
///      about 5 k gas cheaper per guarded call than a storage flag, which matters for settlement.
contract SlaEscrow is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant BPS = 10_000;
    uint256 public constant PPM = 1_000_000;
    uint256 public constant MAX_FEE_BPS = 1_000;
    uint256 public constant MAX_CREDIT_TIERS = 5;

    enum Status {
        None,
        Proposed,
        Active,
        Completed,
        Cancelled,
        Rejected,
        Expired
    }

    /// Packed into six storage slots so that settling an epoch reads few of them.
    struct Agreement {
        address consumer;
        uint32 startEpoch;
        uint32 epochs;
        uint32 settledEpochs;
        address provider;
        uint32 slashBelowPpm;
        uint16 feeBps;
        Status status;
        address token;
        uint96 slashAmount;
        uint128 pricePerEpoch;
        uint128 collateralLocked;
        uint256 creditTiers; // up to 5 x (uint32 thresholdPpm, uint16 creditBps), 48 bits each
        bytes32 nodeId;
    }

    error ZeroAddress();
    error DuplicateReference(bytes32 ref, uint256 agreementId);
    error UnknownNodeProvider(bytes32 nodeId);
    error InvalidTerms();
    error InvalidCreditTiers();
    error StartEpochPassed(uint32 startEpoch, uint32 currentEpoch);
    error UnsupportedToken(address token);
    error UnknownAgreement(uint256 id);
    error NotConsumer(uint256 id, address caller);
    error NotProvider(uint256 id, address caller);
    error WrongStatus(uint256 id, Status status);
    error EpochNotReported(uint32 epoch);
    error EpochAlreadySettled(uint256 id, uint32 epoch);
    error EpochOutOfOrder(uint256 id, uint32 epoch, uint32 expected);
    error EpochWasReported(uint32 epoch);
    error EpochStillInGrace(uint32 epoch, uint32 defaultFromEpoch);
    error InvalidProof(uint256 id, uint32 epoch);
    error BatchLengthMismatch();
    error NotExpired(uint256 id);
    error NothingToCancel(uint256 id);
    error NothingToWithdraw();
    error FeeTooHigh(uint256 feeBps);

    event AgreementCreated(
        uint256 indexed id,
        bytes32 indexed ref,
        address indexed consumer,
        address provider,
        bytes32 nodeId,
        address token,
        uint256 pricePerEpoch,
        uint32 epochs,
        uint32 startEpoch
    );
    event AgreementAccepted(uint256 indexed id, uint256 collateralLocked);
    event AgreementRejected(uint256 indexed id, uint256 refund);
    event AgreementCancelled(uint256 indexed id, uint256 refund, uint32 epochs);
    event EpochSettled(
        uint256 indexed id,
        uint32 indexed epoch,
        uint32 availabilityPpm,
        uint256 providerAmount,
        uint256 consumerCredit,
        uint256 platformFee,
        uint256 slashed
    );
    event EpochDefaulted(uint256 indexed id, uint32 indexed epoch, uint256 consumerRefund);
    event AgreementCompleted(uint256 indexed id);
    event AgreementExpired(uint256 indexed id, uint256 refund);
    event Withdrawn(address indexed token, address indexed account, uint256 amount);
    event PlatformFeeChanged(uint256 feeBps);
    event TreasuryChanged(address treasury);
    event SettlementGraceChanged(uint32 epochs);

    BridgeNodeRegistry public immutable registry;
    OracleHub public immutable hub;
    IERC20 public immutable stakingToken;

    address public treasury;
    uint16 public platformFeeBps;
    uint32 public settlementGraceEpochs;
    uint256 public agreementCount;

    mapping(uint256 => Agreement) private agreements;
    mapping(bytes32 => uint256) private agreementIdByKey; // keccak256(abi.encode(payer, reference)) => id
    mapping(address => mapping(address => uint256)) public balanceOf; // token => account => withdrawable

    constructor(
        address governance,
        BridgeNodeRegistry registry_,
        OracleHub hub_,
        address treasury_,
        uint16 platformFeeBps_,
        uint32 settlementGraceEpochs_
    ) {
        if (treasury_ == address(0) || address(registry_) == address(0) || address(hub_) == address(0)) {
            revert ZeroAddress();
        }
        if (platformFeeBps_ > MAX_FEE_BPS) revert FeeTooHigh(platformFeeBps_);
        registry = registry_;
        hub = hub_;
        stakingToken = registry_.stakingToken();
        treasury = treasury_;
        platformFeeBps = platformFeeBps_;
        settlementGraceEpochs = settlementGraceEpochs_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
    }

    // ---------------------------------------------------------------- lifecycle

    /// Creates and funds an agreement: the caller pays `pricePerEpoch * epochs` of `token` now.
    /// `reference` is the caller's own id for the agreement (unique per caller), which makes retries
    /// safe. It is bound to the caller (the payer): another wallet using the same reference creates
    /// its own agreement and never blocks the caller's. Not bound to `consumer`, which is a parameter
    /// anyone can name.
    /// Credit tiers: availability below `tierThresholdsPpm[i]` gives back `tierCreditsBps[i]` of the
    /// epoch payment; thresholds descending, credits ascending (e.g. 999000/990000/950000 →
    /// 1000/2500/10000, AWS S3's tiers). An epoch below `slashBelowPpm` slashes `slashAmount` of the
    /// `collateral` the provider locks on acceptance.
    function createAgreement(
        bytes32 ref,
        address consumer,
        bytes32 nodeId,
        address token,
        uint128 pricePerEpoch,
        uint32 epochs,
        uint32 startEpoch,
        uint128 collateral,
        uint32 slashBelowPpm,
        uint96 slashAmount,
        uint32[] calldata tierThresholdsPpm,
        uint16[] calldata tierCreditsBps
    ) external nonReentrant returns (uint256 id) {
        if (ref == bytes32(0) || consumer == address(0) || token == address(0)) revert ZeroAddress();
        bytes32 key = _referenceKey(msg.sender, ref);
        uint256 existing = agreementIdByKey[key];
        if (existing != 0) revert DuplicateReference(ref, existing);
        address provider = registry.providerOf(nodeId);
        if (provider == address(0)) revert UnknownNodeProvider(nodeId);
        if (pricePerEpoch == 0 || epochs == 0 || slashBelowPpm > PPM || slashAmount > collateral) revert InvalidTerms();
        uint32 current = hub.currentEpoch();
        if (startEpoch < current) revert StartEpochPassed(startEpoch, current);

        id = ++agreementCount;
        agreementIdByKey[key] = id;
        Agreement storage a = agreements[id];
        a.consumer = consumer;
        a.startEpoch = startEpoch;
        a.epochs = epochs;
        a.provider = provider;
        a.slashBelowPpm = slashBelowPpm;
        a.feeBps = platformFeeBps;
        a.status = Status.Proposed;
        a.token = token;
        a.slashAmount = slashAmount;
        a.pricePerEpoch = pricePerEpoch;
        // The collateral to lock travels in `collateralLocked` until acceptance locks it for real.
        a.collateralLocked = collateral;
        a.creditTiers = _packTiers(tierThresholdsPpm, tierCreditsBps);
        a.nodeId = nodeId;
        emit AgreementCreated(id, ref, consumer, provider, nodeId, token, pricePerEpoch, epochs, startEpoch);

        uint256 total = uint256(pricePerEpoch) * epochs;
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), total);
        // Fee-on-transfer and rebasing tokens would leave the escrow short of what it owes.
        if (IERC20(token).balanceOf(address(this)) - before != total) revert UnsupportedToken(token);
    }

    /// The provider accepts before the first epoch has begun; its collateral is locked for the term.
    function accept(uint256 id) external {
        Agreement storage a = _agreement(id);
        if (msg.sender != a.provider) revert NotProvider(id, msg.sender);
        if (a.status != Status.Proposed) revert WrongStatus(id, a.status);
        uint32 current = hub.currentEpoch();
        if (a.startEpoch < current) revert StartEpochPassed(a.startEpoch, current);
        a.status = Status.Active;
        emit AgreementAccepted(id, a.collateralLocked);
        if (a.collateralLocked > 0) registry.lockCollateral(a.nodeId, a.collateralLocked);
    }

    function reject(uint256 id) external {
        Agreement storage a = _agreement(id);
        if (msg.sender != a.provider) revert NotProvider(id, msg.sender);
        if (a.status != Status.Proposed) revert WrongStatus(id, a.status);
        uint256 refund = uint256(a.pricePerEpoch) * a.epochs;
        a.status = Status.Rejected;
        a.collateralLocked = 0;
        balanceOf[a.token][a.consumer] += refund;
        emit AgreementRejected(id, refund);
    }

    /// The consumer cancels. A proposed agreement is refunded in full. An active one ends with the
    /// current epoch: epochs that have begun stay owed (and are still settled from reports), the
    /// rest is refunded now.
    function cancel(uint256 id) external {
        Agreement storage a = _agreement(id);
        if (msg.sender != a.consumer) revert NotConsumer(id, msg.sender);
        Status status = a.status;
        if (status == Status.Proposed) {
            uint256 all = uint256(a.pricePerEpoch) * a.epochs;
            a.status = Status.Cancelled;
            a.collateralLocked = 0;
            balanceOf[a.token][a.consumer] += all;
            emit AgreementCancelled(id, all, 0);
            return;
        }
        if (status != Status.Active) revert WrongStatus(id, status);
        uint32 current = hub.currentEpoch();
        uint32 keep = current < a.startEpoch ? 0 : current - a.startEpoch + 1;
        if (keep < a.settledEpochs) keep = a.settledEpochs;
        if (keep >= a.epochs) revert NothingToCancel(id);
        uint256 refund = uint256(a.pricePerEpoch) * (a.epochs - keep);
        a.epochs = keep;
        balanceOf[a.token][a.consumer] += refund;
        emit AgreementCancelled(id, refund, keep);
        if (keep == a.settledEpochs) _close(id, a, Status.Cancelled);
    }

    /// Anyone may expire an agreement the provider never accepted before its start, or one whose
    /// epochs were not all settled within the grace period after its end (e.g. no report was
    /// posted). What is left goes back to the consumer and the collateral is released.
    function expire(uint256 id) external {
        Agreement storage a = _agreement(id);
        uint32 current = hub.currentEpoch();
        Status status = a.status;
        uint256 refund = uint256(a.pricePerEpoch) * (a.epochs - a.settledEpochs);
        if (status == Status.Proposed && current > a.startEpoch) {
            a.collateralLocked = 0;
            a.status = Status.Expired;
        } else if (
            status == Status.Active && uint256(current) >= uint256(a.startEpoch) + a.epochs + settlementGraceEpochs
        ) {
            _close(id, a, Status.Expired);
        } else {
            revert NotExpired(id);
        }
        balanceOf[a.token][a.consumer] += refund;
        emit AgreementExpired(id, refund);
    }

    // ---------------------------------------------------------------- settlement

    /// Settles the agreement's next epoch from its result, proved against the epoch's report.
    function settle(uint256 id, uint32 epoch, uint32 availabilityPpm, bytes32[] calldata proof) external nonReentrant {
        bytes32 root = hub.rootOf(epoch);
        if (root == bytes32(0)) revert EpochNotReported(epoch);
        Agreement storage a = _agreement(id);
        uint32 expected = a.startEpoch + a.settledEpochs;
        if (epoch < expected) revert EpochAlreadySettled(id, epoch);
        if (a.status != Status.Active) revert WrongStatus(id, a.status);
        if (epoch != expected) revert EpochOutOfOrder(id, epoch, expected);
        _settle(id, a, epoch, availabilityPpm, proof, root);
    }

    /// Settles many agreements for one epoch. `proofs` is the concatenation of every proof and
    /// `proofLengths[i]` the length of the i-th. Agreements already settled for the epoch are
    /// skipped rather than failing the batch, so a retried batch settles only what is left.
    function settleBatch(
        uint32 epoch,
        uint256[] calldata ids,
        uint32[] calldata availabilitiesPpm,
        bytes32[] calldata proofs,
        uint8[] calldata proofLengths
    ) external nonReentrant returns (uint256 settled) {
        _checkBatch(ids.length, availabilitiesPpm.length, proofLengths, proofs.length);
        bytes32 root = hub.rootOf(epoch);
        if (root == bytes32(0)) revert EpochNotReported(epoch);
        uint256 offset = 0;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 end = offset + proofLengths[i];
            if (_settleIfOpen(ids[i], epoch, availabilitiesPpm[i], proofs[offset:end], root)) ++settled;
            offset = end;
        }
    }

    /// Settles `epoch` for each agreement in `ids` by the default for an unjudged epoch, when the hub
    /// holds no report for it `settlementGraceEpochs` after its end: the consumer gets the epoch's
    /// payment back, the provider earns nothing, no fee is taken and nothing is slashed. An epoch no
    /// validator quorum judged must not cost the consumer, and the provider loses only the pay it
    /// could not get proved. Anyone may call it (like `expire`). Each agreement still settles in order
    /// and once per epoch; agreements already past the epoch or no longer active are skipped. A report
    /// that arrives later (the hub accepts it for a while) settles the agreements not defaulted yet.
    function settleUnreported(uint32 epoch, uint256[] calldata ids) external nonReentrant returns (uint256 settled) {
        if (hub.rootOf(epoch) != bytes32(0)) revert EpochWasReported(epoch);
        uint256 defaultFrom = uint256(epoch) + 1 + settlementGraceEpochs;
        if (hub.currentEpoch() < defaultFrom) revert EpochStillInGrace(epoch, uint32(defaultFrom));
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[i];
            Agreement storage a = _agreement(id);
            uint32 expected = a.startEpoch + a.settledEpochs;
            if (epoch < expected || a.status != Status.Active) continue;
            if (epoch != expected) revert EpochOutOfOrder(id, epoch, expected);
            uint256 refund = a.pricePerEpoch;
            balanceOf[a.token][a.consumer] += refund;
            uint32 settledEpochs = a.settledEpochs + 1;
            a.settledEpochs = settledEpochs;
            ++settled;
            emit EpochDefaulted(id, epoch, refund);
            if (settledEpochs == a.epochs) _close(id, a, Status.Completed);
        }
    }

    function withdraw(address token) external nonReentrant {
        uint256 amount = balanceOf[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        balanceOf[token][msg.sender] = 0;
        emit Withdrawn(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- governance (never agreement funds)

    function setPlatformFee(uint16 feeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps > MAX_FEE_BPS) revert FeeTooHigh(feeBps);
        platformFeeBps = feeBps;
        emit PlatformFeeChanged(feeBps);
    }

    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasuryChanged(treasury_);
    }

    function setSettlementGrace(uint32 epochs) external onlyRole(DEFAULT_ADMIN_ROLE) {
        settlementGraceEpochs = epochs;
        emit SettlementGraceChanged(epochs);
    }

    // ---------------------------------------------------------------- views

    /// The agreement `payer` created with `ref` (0 if none).
    function agreementIdByReference(address payer, bytes32 ref) external view returns (uint256) {
        return agreementIdByKey[_referenceKey(payer, ref)];
    }

    /// The leaf of an agreement's result in an epoch's Merkle tree: OpenZeppelin's standard
    /// double hash of abi.encode(escrow, agreementId, epoch, availabilityPpm).
    function resultLeaf(uint256 id, uint32 epoch, uint32 availabilityPpm) public view returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(address(this), id, epoch, availabilityPpm))));
    }

    function agreementOf(uint256 id)
        external
        view
        returns (
            address consumer,
            address provider,
            bytes32 nodeId,
            address token,
            uint256 pricePerEpoch,
            uint256 epochs,
            uint256 startEpoch,
            uint256 settledEpochs,
            uint8 status,
            uint256 feeBps,
            uint256 collateralLocked,
            uint256 slashBelowPpm,
            uint256 slashAmount
        )
    {
        Agreement storage a = agreements[id];
        return (
            a.consumer,
            a.provider,
            a.nodeId,
            a.token,
            a.pricePerEpoch,
            a.epochs,
            a.startEpoch,
            a.settledEpochs,
            uint8(a.status),
            a.feeBps,
            a.collateralLocked,
            a.slashBelowPpm,
            a.slashAmount
        );
    }

    function creditTiersOf(uint256 id) external view returns (uint32[] memory thresholdsPpm, uint16[] memory creditsBps) {
        uint256 packed = agreements[id].creditTiers;
        uint256 count = 0;
        while (count < MAX_CREDIT_TIERS && uint32(packed >> (48 * count)) != 0) ++count;
        thresholdsPpm = new uint32[](count);
        creditsBps = new uint16[](count);
        for (uint256 i = 0; i < count; ++i) {
            thresholdsPpm[i] = uint32(packed >> (48 * i));
            creditsBps[i] = uint16(packed >> (48 * i + 32));
        }
    }

    // ---------------------------------------------------------------- internals

    function _settle(
        uint256 id,
        Agreement storage a,
        uint32 epoch,
        uint32 availabilityPpm,
        bytes32[] calldata proof,
        bytes32 root
    ) private {
        if (!MerkleProof.verifyCalldata(proof, root, resultLeaf(id, epoch, availabilityPpm))) {
            revert InvalidProof(id, epoch);
        }
        uint256 price = a.pricePerEpoch;
        uint256 credit = price * _creditBps(a.creditTiers, availabilityPpm) / BPS;
        uint256 earned = price - credit;
        uint256 fee = earned * a.feeBps / BPS;
        address token = a.token;
        balanceOf[token][a.provider] += earned - fee;
        if (credit != 0) balanceOf[token][a.consumer] += credit;
        if (fee != 0) balanceOf[token][treasury] += fee;
        uint32 settledEpochs = a.settledEpochs + 1;
        a.settledEpochs = settledEpochs;

        uint256 slashed = 0;
        if (availabilityPpm < a.slashBelowPpm) {
            uint256 locked = a.collateralLocked;
            slashed = a.slashAmount < locked ? a.slashAmount : locked;
            if (slashed != 0) {
                a.collateralLocked = uint128(locked - slashed);
                balanceOf[address(stakingToken)][a.consumer] += slashed;
                registry.slash(a.nodeId, slashed, address(this));
            }
        }
        emit EpochSettled(id, epoch, availabilityPpm, earned - fee, credit, fee, slashed);
        if (settledEpochs == a.epochs) _close(id, a, Status.Completed);
    }

    function _checkBatch(uint256 n, uint256 availabilities, uint8[] calldata proofLengths, uint256 proofs) private pure {
        if (availabilities != n || proofLengths.length != n) revert BatchLengthMismatch();
        uint256 total = 0;
        for (uint256 i = 0; i < n; ++i) total += proofLengths[i];
        if (total != proofs) revert BatchLengthMismatch();
    }

    /// Settles one batch entry unless the agreement is already past this epoch or no longer active.
    function _settleIfOpen(uint256 id, uint32 epoch, uint32 availabilityPpm, bytes32[] calldata proof, bytes32 root)
        private
        returns (bool)
    {
        Agreement storage a = _agreement(id);
        uint32 expected = a.startEpoch + a.settledEpochs;
        if (epoch < expected || a.status != Status.Active) return false;
        if (epoch != expected) revert EpochOutOfOrder(id, epoch, expected);
        _settle(id, a, epoch, availabilityPpm, proof, root);
        return true;
    }

    function _close(uint256 id, Agreement storage a, Status status) private {
        a.status = status;
        uint256 locked = a.collateralLocked;
        if (locked != 0) {
            a.collateralLocked = 0;
            registry.unlockCollateral(a.nodeId, locked);
        }
        if (status == Status.Completed) emit AgreementCompleted(id);
    }

    function _creditBps(uint256 packed, uint32 availabilityPpm) private pure returns (uint256 credit) {
        // Thresholds descend, so the first one the availability reaches ends the search.
        for (uint256 i = 0; i < MAX_CREDIT_TIERS; ++i) {
            uint32 threshold = uint32(packed >> (48 * i));
            if (threshold == 0 || availabilityPpm >= threshold) break;
            credit = uint16(packed >> (48 * i + 32));
        }
    }

    function _packTiers(uint32[] calldata thresholds, uint16[] calldata credits) private pure returns (uint256 packed) {
        uint256 n = thresholds.length;
        if (n != credits.length || n > MAX_CREDIT_TIERS) revert InvalidCreditTiers();
        uint256 previousThreshold = PPM + 1;
        uint256 previousCredit = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (thresholds[i] == 0 || thresholds[i] >= previousThreshold) revert InvalidCreditTiers();
            if (credits[i] <= previousCredit || credits[i] > BPS) revert InvalidCreditTiers();
            previousThreshold = thresholds[i];
            previousCredit = credits[i];
            packed |= (uint256(thresholds[i]) | (uint256(credits[i]) << 32)) << (48 * i);
        }
    }

    function _referenceKey(address payer, bytes32 ref) private pure returns (bytes32) {
        return keccak256(abi.encode(payer, ref));
    }

    function _agreement(uint256 id) private view returns (Agreement storage a) {
        a = agreements[id];
        if (a.status == Status.None) revert UnknownAgreement(id);
    }
}
