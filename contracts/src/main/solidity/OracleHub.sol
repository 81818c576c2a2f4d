// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title Validator set and validator-signed epoch reports.
/// @notice Per epoch the validators agree on the Merkle root of all per-agreement SLA results and
///         sign it (EIP-712, https://eips.ethereum.org/EIPS/eip-712, bound to the chain id and this
///         contract). One transaction posts the root with at least `threshold` distinct validator
///         signatures; settlement of each agreement is then proved against it.
///         The threshold follows Chainlink OCR: with n validators tolerating f = (n - 1) / 3 faulty
///         ones, a report needs more than f signatures, and at most n - f so that f silent validators
///         cannot stall reporting.
///         Epochs may be reported in any order, each once, while the epoch is at most
///         `REPORT_WINDOW_EPOCHS` old: a missed epoch can still be reported after a later one
///         (security issue #13, M6). Past the window it never can. Independently, the escrow lets anyone
///         settle an epoch still unreported after its settlement grace by its default
///         (`SlaEscrow.settleUnreported`), so agreements never wait for the window to close.
contract OracleHub is AccessControl, EIP712 {
    bytes32 public constant EPOCH_REPORT_TYPEHASH = keccak256("EpochReport(uint32 epoch,bytes32 root)");
    uint256 public constant MAX_VALIDATORS = 64;
    /// How many epochs after its end an epoch can still be reported: an epoch e is reportable while
    /// currentEpoch() <= e + REPORT_WINDOW_EPOCHS (a day with hourly epochs). Bounded so that roots
    /// signed long ago cannot surface at any time; long enough for validators that were down a while.
    uint32 public constant REPORT_WINDOW_EPOCHS = 24;

    error InvalidValidatorSet();
    error InvalidThreshold(uint256 threshold, uint256 validators);
    error EpochAlreadyReported(uint32 epoch);
    error StaleEpoch(uint32 epoch, uint32 oldestReportable);
    error EpochNotFinished(uint32 epoch, uint32 currentEpoch);
    error EmptyRoot();
    error NotEnoughSignatures(uint256 given, uint256 threshold);
    error InvalidSignature(uint256 index);
    error NotAValidator(address signer);
    error SignersNotAscending(uint256 index);

    event ValidatorSetChanged(uint32 indexed version, address[] validators, uint256 threshold);
    event EpochReported(uint32 indexed epoch, bytes32 root, address indexed submitter);

    uint64 public immutable genesisTime;
    uint32 public immutable epochLength;

    uint32 public validatorSetVersion;
    uint8 public threshold;
    address[] private validatorList;
    mapping(address => bool) public isValidator;
    mapping(uint32 => bytes32) public rootOf;

    constructor(address governance, uint64 genesisTime_, uint32 epochLength_, address[] memory validators_, uint256 threshold_)
        EIP712("Flashback OracleHub", "1")
    {
        if (epochLength_ == 0 || genesisTime_ > block.timestamp) revert InvalidValidatorSet();
        genesisTime = genesisTime_;
        epochLength = epochLength_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _setValidators(validators_, threshold_);
    }

    /// Posts the root for a finished epoch, at most REPORT_WINDOW_EPOCHS old; epochs need not come
    /// in order. `signatures` must come from distinct validators, ordered by ascending signer address
    /// (that makes the duplicate check a single comparison).
    function submitReport(uint32 epoch, bytes32 root, bytes[] calldata signatures) external {
        if (rootOf[epoch] != bytes32(0)) revert EpochAlreadyReported(epoch);
        uint32 current = currentEpoch();
        if (epoch >= current) revert EpochNotFinished(epoch, current);
        if (uint256(epoch) + REPORT_WINDOW_EPOCHS < current) revert StaleEpoch(epoch, current - REPORT_WINDOW_EPOCHS);
        if (root == bytes32(0)) revert EmptyRoot();
        uint256 k = threshold;
        if (signatures.length < k) revert NotEnoughSignatures(signatures.length, k);

        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(EPOCH_REPORT_TYPEHASH, epoch, root)));
        address previous = address(0);
        for (uint256 i = 0; i < k; ++i) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
            if (signer <= previous) revert SignersNotAscending(i);
            if (!isValidator[signer]) revert NotAValidator(signer);
            previous = signer;
        }
        rootOf[epoch] = root;
        emit EpochReported(epoch, root, msg.sender);
    }

    function setValidators(address[] calldata validators_, uint256 threshold_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setValidators(validators_, threshold_);
    }

    // ---------------------------------------------------------------- views

    function currentEpoch() public view returns (uint32) {
        return uint32((block.timestamp - genesisTime) / epochLength);
    }

    /// The oldest epoch a report is still accepted for (if it is not reported yet).
    function oldestReportableEpoch() public view returns (uint32) {
        uint32 current = currentEpoch();
        return current > REPORT_WINDOW_EPOCHS ? current - REPORT_WINDOW_EPOCHS : 0;
    }

    function epochStart(uint32 epoch) external view returns (uint256) {
        return genesisTime + uint256(epoch) * epochLength;
    }

    function validators() external view returns (address[] memory) {
        return validatorList;
    }

    /// The EIP-712 digest validators sign for a report (for off-chain signers and tests).
    function reportDigest(uint32 epoch, bytes32 root) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(EPOCH_REPORT_TYPEHASH, epoch, root)));
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _setValidators(address[] memory validators_, uint256 threshold_) private {
        uint256 n = validators_.length;
        if (n == 0 || n > MAX_VALIDATORS) revert InvalidValidatorSet();
        uint256 f = (n - 1) / 3;
        if (threshold_ <= f || threshold_ > n - f) revert InvalidThreshold(threshold_, n);
        address[] storage old = validatorList;
        for (uint256 i = 0; i < old.length; ++i) {
            isValidator[old[i]] = false;
        }
        delete validatorList;
        for (uint256 i = 0; i < n; ++i) {
            address v = validators_[i];
            if (v == address(0) || isValidator[v]) revert InvalidValidatorSet();
            isValidator[v] = true;
            validatorList.push(v);
        }
        threshold = uint8(threshold_);
        uint32 version = ++validatorSetVersion;
        emit ValidatorSetChanged(version, validators_, threshold_);
    }
}
