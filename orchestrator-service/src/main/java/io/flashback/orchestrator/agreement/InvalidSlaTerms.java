package io.flashback.orchestrator.agreement;

/** SLA terms that cannot be enforced as written. */
public class InvalidSlaTerms extends IllegalArgumentException {

    public InvalidSlaTerms(String message) {
        super(message);
    }
}
