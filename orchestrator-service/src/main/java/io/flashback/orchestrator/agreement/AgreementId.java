package io.flashback.orchestrator.agreement;

import java.util.UUID;

public record AgreementId(UUID value) {

    public static AgreementId random() {
        return new AgreementId(UUID.randomUUID());
    }
}
