package io.flashback.oracle.epoch;

import java.util.List;

/** The agreements this oracle judges (filled from the orchestrator's announcements). */
public interface OracleAgreements {

    void save(OracleAgreement agreement);

    /** Agreements running in {@code epoch}, by ascending id (the order does not change the root, only the work). */
    List<OracleAgreement> activeIn(long epoch);
}
