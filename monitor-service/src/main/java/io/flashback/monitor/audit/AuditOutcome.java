package io.flashback.monitor.audit;

/** What a possession audit found; only {@link #PASSED} passes. */
public enum AuditOutcome {
    /** exactly the bytes placed */
    PASSED,
    /** bytes came back, but not the ones placed (or not as many as asked) */
    WRONG_BYTES,
    /** the node says the canary does not exist */
    MISSING,
    /** no complete answer in time */
    TIMEOUT,
    /** the node refused or failed the request, or could not be reached */
    ERROR;

    public boolean passed() {
        return this == PASSED;
    }
}
