package io.flashback.events.orchestrator;

import io.flashback.events.EventCatalog;
import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event orchestrator-service publishes, written as and read back from its stored CloudEvents sample. */
class OrchestratorEventsRoundTripTest {

    static final UUID AGREEMENT = UUID.fromString("7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f");
    static final UUID ORDER = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    static final UUID CONSUMER = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final UUID PROVIDER = UUID.fromString("66666666-7777-4888-9999-aaaaaaaaaaaa");
    static final UUID DATA_UNIT = UUID.fromString("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");
    static final String NODE = "3f2e1d0c-b4a5-4697-8879-6a5b4c3d2e1f";
    static final String ESCROW = "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9";
    static final String TOKEN = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    static final String WALLET = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    private final EventCodec codec = new EventCodec();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("agreement-requested.v1.json", new AgreementRequested(UUID.fromString("a0000000-0000-4000-8000-000000000001"),
                        Instant.parse("2026-11-23T12:00:00Z"), AGREEMENT, ORDER, CONSUMER, PROVIDER, DATA_UNIT, NODE, 53_687_091_200L, 30,
                        "USDC", new BigDecimal("0.51"), "requested by the consumer from quote 5d9c")),
                Arguments.of("agreement-accepted.v1.json", new AgreementAccepted(UUID.fromString("a0000000-0000-4000-8000-000000000002"),
                        Instant.parse("2026-11-23T12:00:01Z"), AGREEMENT, ORDER, CONSUMER, PROVIDER, DATA_UNIT, NODE, 53_687_091_200L, 30,
                        "auto-accepted: within the provider's rules")),
                Arguments.of("agreement-rejected.v1.json", new AgreementRejected(UUID.fromString("a0000000-0000-4000-8000-000000000003"),
                        Instant.parse("2026-11-23T12:00:02Z"), AGREEMENT, ORDER, CONSUMER, PROVIDER, DATA_UNIT, "rejected by the provider: full")),
                Arguments.of("agreement-funded.v1.json", new AgreementFunded(UUID.fromString("a0000000-0000-4000-8000-000000000004"),
                        Instant.parse("2026-11-23T12:05:00Z"), AGREEMENT, ESCROW, "42", CONSUMER, PROVIDER, DATA_UNIT, NODE, WALLET, TOKEN,
                        new BigDecimal("510000"), 1234, 720, "escrow agreement 42 funded in tx 0xab:3")),
                Arguments.of("agreement-activated.v1.json", new AgreementActivated(UUID.fromString("a0000000-0000-4000-8000-000000000005"),
                        Instant.parse("2026-11-23T12:10:00Z"), AGREEMENT, ESCROW, "42", CONSUMER, PROVIDER, DATA_UNIT, NODE, 53_687_091_200L, 30,
                        1234, 720, new BigDecimal("99.9"), 40, 100, 200, 100, new BigDecimal("99"), 3600, "99.9:10,99.0:25,95.0:100", "95.0",
                        UUID.fromString("d0000000-0000-4000-8000-00000000000d"), "provider locked collateral in tx 0xcd:1; grant issued")),
                Arguments.of("agreement-ended.v1.json", new AgreementEnded(UUID.fromString("a0000000-0000-4000-8000-000000000006"),
                        Instant.parse("2026-12-23T12:10:00Z"), AGREEMENT, ORDER, "42", CONSUMER, PROVIDER, DATA_UNIT, NODE, 53_687_091_200L,
                        "TERMINATED_BY_CONSUMER", "ACTIVE", true, "cancelled by the consumer on chain in tx 0xef:0")),
                Arguments.of("agreement-funds-low.v1.json", new AgreementFundsLow(UUID.fromString("a0000000-0000-4000-8000-000000000007"),
                        Instant.parse("2026-12-21T12:00:00Z"), AGREEMENT, ORDER, CONSUMER, PROVIDER, "USD", new BigDecimal("0.34"),
                        new BigDecimal("0.34"), 1, 2, Instant.parse("2026-12-23T12:00:00Z"),
                        "the reserve pays for 1 more epoch, fewer than the 2 the consumer is warned at")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventIsWrittenAsItsStoredSample(String sample, IntegrationEvent event) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        String written = codec.encode(codec.envelope(event, "/flashback/orchestrator-service"));

        assertThat(json.readTree(written)).isEqualTo(json.readTree(sample(sample)));
        assertThat(EventCatalog.of(event).topic()).isEqualTo(Topics.ORCHESTRATOR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void storedSampleReadsBackIntoTheRecord(String sample, IntegrationEvent event) throws IOException {
        EventCodec.Decoded decoded = codec.decode(sample(sample));

        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.envelope().subject()).isEqualTo(AGREEMENT.toString());
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = OrchestratorEventsRoundTripTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
