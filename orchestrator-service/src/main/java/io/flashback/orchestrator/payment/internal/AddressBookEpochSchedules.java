package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.agreement.Agreement;
import io.flashback.orchestrator.escrow.EscrowPlan;
import io.flashback.orchestrator.payment.EpochSchedule;
import io.flashback.orchestrator.payment.EpochSchedules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Fiat agreements run on the OracleHub's epochs, read from the deployment's address book as the escrow plan has
 * them, and start at the next epoch as an escrow agreement funded then would. Without a chain the epochs are
 * {@code flashback.orchestrator.epoch-length} long, counted from the Unix epoch.
 */
@Component
class AddressBookEpochSchedules implements EpochSchedules {

    private static final long DAY = 86_400;

    private final ObjectProvider<EscrowPlan> plan;
    private final OrchestratorProperties properties;

    AddressBookEpochSchedules(ObjectProvider<EscrowPlan> plan, OrchestratorProperties properties) {
        this.plan = plan;
        this.properties = properties;
    }

    @Override
    public EpochSchedule scheduleFor(Agreement agreement, Instant fundedAt) {
        EscrowPlan escrow = plan.getIfAvailable();
        if (escrow != null) {
            return new EpochSchedule(escrow.genesisTime(), escrow.epochSeconds(), escrow.epochAt(fundedAt) + 1, escrow.epochs(agreement));
        }
        long seconds = properties.epochLength().toSeconds();
        long term = agreement.termDays() * DAY;
        return new EpochSchedule(0, seconds, fundedAt.getEpochSecond() / seconds + 1, Math.toIntExact((term + seconds - 1) / seconds));
    }
}
