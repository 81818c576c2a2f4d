package io.flashback.orchestrator.payment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Validators' verdicts on fiat agreements' epochs, kept until the posted root decides what each is worth. */
public interface FiatVerdicts {

    /** One agreement's epoch with verdicts still waiting for its root. */
    record Waiting(UUID agreementId, long epoch) {
    }

    /** Keeps a verdict that arrived; false when it was kept before (the same event again). */
    boolean add(FiatVerdict verdict);

    /** The agreement's epoch's verdicts still waiting for its root, in the order they arrived. */
    List<FiatVerdict> provisional(UUID agreementId, long epoch);

    /** Agreements' epochs with verdicts waiting, oldest epoch first. */
    List<Waiting> waiting(int limit);

    /** Closes a waiting verdict with what it came to and why. */
    void close(UUID eventId, FiatVerdict.State state, String note, Instant at);
}
