package io.flashback.oracle.epoch;

/**
 * Where one validator is with one epoch. The happy path is JUDGED → SIGNED → REPORTED → SETTLED;
 * each step is stored before the next starts, so a restarted oracle resumes from the stored state and
 * re-checks the chain before sending anything.
 */
public enum EpochState {
    /** Results and root stored, verdicts published. */
    JUDGED,
    /** This validator's signature stored and published; waiting for k matching signatures. */
    SIGNED,
    /** The hub holds this validator's root; settling. */
    REPORTED,
    /** Every result settled on chain (or found not settleable, with the reason stored). */
    SETTLED,
    /** No agreement ran in the epoch: nothing to report (the hub refuses empty roots) or settle. */
    EMPTY,
    /** The hub holds a different root for the epoch: this validator was outvoted and settles nothing. */
    DISAGREED,
    /** The hub moved past the epoch without a report for it (reports are accepted in order only). */
    MISSED;

    public boolean isFinal() {
        return this == SETTLED || this == EMPTY || this == DISAGREED || this == MISSED;
    }
}
