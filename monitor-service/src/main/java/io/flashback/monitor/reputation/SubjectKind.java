package io.flashback.monitor.reputation;

/** What a reputation is about. */
public enum SubjectKind {
    /** a provider, by the wallet that claimed its nodes */
    PROVIDER,
    /** one Data Unit (storage offer) */
    DATA_UNIT
}
