package io.flashback.orchestrator.order;

/** Paying orders in fiat, answered by the payment feature (issue 6, ADR 0006). */
public interface FiatInvoicing {

    /** Refuses a quote that cannot be paid in fiat here, saying why, before anything is stored. */
    void checkPayable(VerifiedQuote quote);

    /** Opens the invoice for a fiat order's total with the payment provider (none when every agreement already ended). */
    void invoice(Order order);
}
