package io.flashback.oracle.epoch;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.Signature;

/** A validator's signature of an epoch root, its signer already recovered and checked. */
public record SignatureRecord(long epoch, Bytes32 root, Address validator, Signature signature) {
}
