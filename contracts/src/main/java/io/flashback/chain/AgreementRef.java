package io.flashback.chain;

import java.util.UUID;

/**
 * The caller's own reference for an agreement (the orchestrator's agreement UUID). It is unique in
 * the escrow, which is what lets a retried creation find the agreement instead of paying twice.
 */
public record AgreementRef(Bytes32 value) {

    public static AgreementRef of(UUID uuid) {
        return new AgreementRef(Bytes32.of(NodeId.uuidBytes(uuid)));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
