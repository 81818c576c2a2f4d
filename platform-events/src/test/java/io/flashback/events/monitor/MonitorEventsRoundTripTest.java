package io.flashback.events.monitor;

import io.flashback.events.EventSamplesRoundTrip;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import org.junit.jupiter.params.provider.Arguments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;


/** Every event monitor-service publishes, written as and read back from its stored CloudEvents sample. */
class MonitorEventsRoundTripTest extends EventSamplesRoundTrip {

    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    private static final String PROVIDER = "0x70997970c51812dc3a010c7d01b50e20d4dc79c8";
    private static final String DATA_UNIT = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";


    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("probe-recorded.v1.json", Topics.PROBES, NODE.toString(), new ProbeRecorded(
                        UUID.fromString("5d1c7e2a-0b3f-4c6d-9e8f-7a6b5c4d3e21"), Instant.parse("2026-11-23T12:00:00Z"), NODE, PROVIDER,
                        "eu-west", "ANONYMOUS", true, "AVAILABLE", 403, new BigDecimal("12.345"), new BigDecimal("13.002"), null, null,
                        "S3 error AccessDenied")),
                Arguments.of("audit-recorded.v1.json", Topics.PROBES, NODE.toString(), new AuditRecorded(
                        UUID.fromString("6e2d8f3b-1c4a-4d7e-8f9a-8b7c6d5e4f32"), Instant.parse("2026-11-23T12:15:00Z"), NODE, PROVIDER,
                        "eu-west", "flashback-canary", "canary/" + NODE, 524_288, 528_383, false, "WRONG_BYTES",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", new BigDecimal("41.7"),
                        "4096 bytes answered, SHA-256 differs")),
                Arguments.of("reputation-changed.v1.json", Topics.QOS, DATA_UNIT, new ReputationChanged(
                        UUID.fromString("7f3e9a4c-2d5b-4e8f-9a0b-9c8d7e6f5a43"), Instant.parse("2026-11-24T02:00:00Z"), "DATA_UNIT", DATA_UNIT,
                        "2026-11-23", new BigDecimal("50.0"), new BigDecimal("55.0"),
                        "2026-11-23 +2 SLA met; 2026-11-23 +3 beat the SLA by more than 20 %")),
                Arguments.of("penalty-warning-raised.v1.json", Topics.QOS, PROVIDER, new PenaltyWarningRaised(
                        UUID.fromString("804fab5d-3e6c-4f9a-8b1c-ad9e8f7a6b54"), Instant.parse("2026-11-24T15:00:00Z"), "PROVIDER", PROVIDER,
                        "2026-11-24", new BigDecimal("42.0"), new BigDecimal("37.0"), new BigDecimal("40.0"),
                        "SLA breached; missed the SLA by more than 20 %")));
    }

    @Override
    protected String source() {
        return "/flashback/monitor-service";
    }
}
