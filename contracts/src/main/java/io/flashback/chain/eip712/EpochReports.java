package io.flashback.chain.eip712;

import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochReport;
import io.flashback.chain.Signature;
import org.web3j.crypto.ECKeyPair;

import java.math.BigInteger;

/**
 * EIP-712 epoch reports as OracleHub checks them: each validator signs
 * {@code EpochReport(uint32 epoch,bytes32 root)} in the hub's domain (chain id + hub address), so a
 * signature cannot be replayed on another chain, another hub, or for another epoch.
 */
public final class EpochReports {

    public static final String TYPE = "EpochReport(uint32 epoch,bytes32 root)";

    private EpochReports() {
    }

    public static Bytes32 digest(EpochReport report, Eip712Domain domain) {
        return domain.digest(TypedData.hashStruct(TYPE,
                TypedData.uint(BigInteger.valueOf(report.epoch())),
                TypedData.bytes32(report.root())));
    }

    public static Signature sign(EpochReport report, Eip712Domain domain, ECKeyPair validatorKey) {
        return Eip712Signer.sign(digest(report, domain), validatorKey);
    }
}
