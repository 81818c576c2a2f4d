package io.flashback.chain.merkle;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochResult;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

/**
 * The leaf of one agreement's epoch result, exactly as {@code SlaEscrow.resultLeaf} computes it:
 * keccak256(bytes.concat(keccak256(abi.encode(escrow, agreementId, epoch, availabilityPpm)))) —
 * OpenZeppelin's double-hashed standard leaf, which keeps a leaf from ever passing for an inner node.
 */
public final class ResultLeaves {

    private ResultLeaves() {
    }

    public static Bytes32 leaf(Address escrow, EpochResult result) {
        byte[] encoded = new byte[128];
        System.arraycopy(Numeric.toBytesPadded(Numeric.toBigInt(escrow.value()), 32), 0, encoded, 0, 32);
        System.arraycopy(Numeric.toBytesPadded(result.agreementId().value(), 32), 0, encoded, 32, 32);
        System.arraycopy(Numeric.toBytesPadded(BigInteger.valueOf(result.epoch()), 32), 0, encoded, 64, 32);
        System.arraycopy(Numeric.toBytesPadded(BigInteger.valueOf(result.availabilityPpm()), 32), 0, encoded, 96, 32);
        return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
    }
}
