package io.flashback.monitor.reputation;

import io.flashback.events.oracle.SlaVerdictReached;
import io.flashback.events.orchestrator.AgreementActivated;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Agreements and verdicts as orchestrator-service and oracle-service publish them. */
final class ReputationFixtures {

    static final String ESCROW = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000);

    private ReputationFixtures() {
    }

    /** An agreement running on {@code dataUnit} on {@code node}, judged against 99.9 % availability. */
    static AgreementActivated activated(UUID dataUnit, UUID node, Instant at) {
        return new AgreementActivated(UUID.randomUUID(), at, UUID.randomUUID(), ESCROW, String.valueOf(NUMBERS.incrementAndGet()),
                UUID.randomUUID(), UUID.randomUUID(), dataUnit, node.toString(), 1L << 30, 30, 100, 30, new BigDecimal("99.9"), 200, 10, 10,
                1_000, new BigDecimal("95"), 86_400, "99.9:10,99.0:25,95.0:100", "90", UUID.randomUUID(), "funded and locked");
    }

    /** One validator's verdict on the agreement's epoch covering {@code day}. */
    static SlaVerdictReached verdict(AgreementActivated agreement, LocalDate day, boolean met, int measuredPpm, String validator) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new SlaVerdictReached(UUID.randomUUID(), start.plusSeconds(86_400 + 300), ESCROW.toLowerCase(), agreement.escrowAgreementId(),
                20_000 + day.toEpochDay(), start, start.plusSeconds(86_400), met ? "MET" : "BREACHED", measuredPpm, measuredPpm,
                new BigDecimal("20.0"), new BigDecimal("50.0"), new BigDecimal("80.0"), new BigDecimal("100.0"),
                met ? BigDecimal.ZERO : new BigDecimal("25.0"), false, met ? "" : "AVAILABILITY", "", "0x" + "11".repeat(32),
                "0x" + "22".repeat(32), validator);
    }
}
