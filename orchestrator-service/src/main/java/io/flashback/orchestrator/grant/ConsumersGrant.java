package io.flashback.orchestrator.grant;

import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.agreement.AgreementId;
import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.lifecycle.NotYours;

import java.util.UUID;

/** The business rule both credential use cases share: only the agreement's consumer, only while its grant is active. */
final class ConsumersGrant {

    private ConsumersGrant() {
    }

    static DataAccessGrant active(Agreements agreements, DataAccessGrants grants, UUID consumerId, AgreementId id) {
        Agreement agreement = agreements.find(id).filter(found -> found.consumerId().equals(consumerId))
                .orElseThrow(() -> new NotYours("agreement " + id.value()));
        DataAccessGrant grant = grants.ofAgreement(id.value())
                .orElseThrow(() -> new NoActiveGrant("agreement " + id.value() + " is " + agreement.state() + ": S3 credentials are issued when "
                        + "the agreement becomes ACTIVE (the provider locked its collateral on chain)"));
        if (!grant.active()) {
            throw new NoActiveGrant("agreement " + id.value() + " is " + agreement.state() + ": its data-access grant was revoked ("
                    + grant.revokeReason().orElse("no reason recorded") + ")");
        }
        return grant;
    }
}
