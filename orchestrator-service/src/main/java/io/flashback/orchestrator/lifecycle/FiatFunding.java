package io.flashback.orchestrator.lifecycle;

import io.flashback.orchestrator.agreement.Agreement;

/** Funding agreements from paid invoices, answered by the payment feature (issue 6, ADR 0006). */
public interface FiatFunding {

    /**
     * An accepted agreement whose fiat order is already paid is funded from that payment and, with no collateral to
     * wait for, made ACTIVE with its data-access grant; any other agreement comes back as it was.
     */
    Agreement fundIfPaid(Agreement accepted);
}
