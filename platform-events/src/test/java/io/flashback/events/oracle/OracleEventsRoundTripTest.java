package io.flashback.events.oracle;

import io.flashback.events.EventSamplesRoundTrip;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import org.junit.jupiter.params.provider.Arguments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;


/** Every event oracle-service publishes, written as and read back from its stored CloudEvents sample. */
class OracleEventsRoundTripTest extends EventSamplesRoundTrip {

    private static final String HUB = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    private static final String ESCROW = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
    private static final String VALIDATOR = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
    private static final String ROOT = "0x5b8f3e2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";


    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("sla-verdict-reached.v1.json", Topics.SLA, "42", new SlaVerdictReached(
                        UUID.fromString("1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0"), Instant.parse("2026-11-24T00:05:00Z"), ESCROW, "42", 17,
                        Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"), "BREACHED", 980_000, 980_000,
                        new BigDecimal("21.5"), new BigDecimal("35.2"), new BigDecimal("71.0"), new BigDecimal("100.0"), new BigDecimal("25.0"),
                        false, "AVAILABILITY", "", "0x0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f5b8f3e2a1c0d9e8f7a6b5c4d3e2f1a", ROOT, VALIDATOR)),
                Arguments.of("epoch-root-signed.v1.json", Topics.ORACLE, HUB + ":17", new EpochRootSigned(
                        UUID.fromString("2f3e4d5c-6b7a-4899-a8b7-c6d5e4f3a2b1"), Instant.parse("2026-11-24T00:05:01Z"), 31337, HUB, ESCROW, 17,
                        ROOT, 3, VALIDATOR, "0x" + "ab".repeat(64) + "1b")),
                Arguments.of("metric-batch-accepted.v1.json", Topics.METRICS, "3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090", new MetricBatchAccepted(
                        UUID.fromString("3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d"), Instant.parse("2026-11-23T12:01:07.250Z"),
                        UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090"), "0x90f79bf6eb2c4f870365e785982e1f101e93b906", 42,
                        Instant.parse("2026-11-23T12:01:05.125Z"), List.of(new MetricBatchAccepted.Sample("7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f", "42",
                        Instant.parse("2026-11-23T12:00:00Z"), 120, 1, 3, Map.of("GetObject", 100L, "PutObject", 20L), 20_971_520, 104_857_600,
                        2_400, 310, List.of(10L, 30L, 40L, 25L, 10L, 4L, 1L, 0L, 0L, 0L, 0L, 0L), 20_971_520, 1_600, 104_857_600, 4_200,
                        1_073_741_824)), "0x" + "cd".repeat(64) + "1c")));
    }

    @Override
    protected String source() {
        return "/flashback/oracle-service";
    }
}
