package io.flashback.orchestrator.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the refunds the ledger booked to the payment provider, outside the verdict's transaction so a slow or
 * unreachable provider never holds up settlement. The refund id goes with each request, so a refund sent again
 * after a crash (the provider took it, the SENT mark did not commit) is still one refund at the provider.
 */
public final class SendRefunds {

    private static final Logger log = LoggerFactory.getLogger(SendRefunds.class);

    private final PaymentProvider provider;
    private final Refunds refunds;

    public SendRefunds(PaymentProvider provider, Refunds refunds) {
        this.provider = provider;
        this.refunds = refunds;
    }

    /**
     * Sends up to {@code limit} of the provider's pending refunds in the caller's transaction; returns how many the
     * provider took. Refunds through another provider (one this orchestrator no longer uses) wait for it.
     */
    public int send(int limit) {
        int sent = 0;
        for (Refund refund : refunds.claimPending(provider.name(), limit)) {
            try {
                refunds.save(refund.sent(provider.refund(refund.id(), refund.invoiceReference(), refund.amount(), refund.reason())));
                sent++;
            } catch (RuntimeException e) {
                log.warn("refund {} of {} not sent this time: {}", refund.id(), refund.amount(), e.toString());
            }
        }
        return sent;
    }
}
