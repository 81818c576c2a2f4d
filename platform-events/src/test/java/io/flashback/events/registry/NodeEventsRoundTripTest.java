package io.flashback.events.registry;

import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bridge-node event registry-service publishes, written as and read back from its stored CloudEvents sample. */
class NodeEventsRoundTripTest {

    private static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    private static final String NODE_ADDRESS = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    private static final String PROVIDER = "0x70997970c51812dc3a010c7d01b50e20d4dc79c8";

    private final EventCodec codec = new EventCodec();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("node-announced.v1.json", new NodeAnnounced(UUID.fromString("7a1d6c3e-2f4b-4f1e-8d0c-1b2a3c4d5e61"),
                        Instant.parse("2026-11-23T11:00:00Z"), NODE, NODE_ADDRESS, "https://node.acme.example:9000", "s3,gcs",
                        "eu-west", 1_099_511_627_776L, "0.1.0")),
                Arguments.of("node-claimed.v1.json", new NodeClaimed(UUID.fromString("8b2e7d4f-3a5c-4a2f-9e1d-2c3b4d5e6f72"),
                        Instant.parse("2026-11-23T11:05:00Z"), NODE, NODE_ADDRESS, PROVIDER)),
                Arguments.of("node-went-offline.v1.json", new NodeWentOffline(UUID.fromString("9c3f8e5a-4b6d-4b3a-8f2e-3d4c5e6f7a83"),
                        Instant.parse("2026-11-23T11:20:00Z"), NODE, PROVIDER, Instant.parse("2026-11-23T11:14:30Z"))),
                Arguments.of("node-came-online.v1.json", new NodeCameOnline(UUID.fromString("ad4a9f6b-5c7e-4c4b-9a3f-4e5d6f7a8b94"),
                        Instant.parse("2026-11-23T11:30:00Z"), NODE, PROVIDER)),
                Arguments.of("node-activated.v1.json", new NodeActivated(UUID.fromString("be5b0a7c-6d8f-4d5c-8b4a-5f6e7a8b9ca5"),
                        Instant.parse("2026-11-23T11:40:00Z"), NODE, PROVIDER, new BigDecimal("1000000000000000000000"))),
                Arguments.of("node-deactivated.v1.json", new NodeDeactivated(UUID.fromString("cf6c1b8d-7e9a-4e6d-9c5b-6a7f8b9cadb6"),
                        Instant.parse("2026-11-23T12:00:00Z"), NODE, PROVIDER, new BigDecimal("400000000000000000000"))),
                Arguments.of("node-certified.v1.json", new NodeCertified(UUID.fromString("d07d2c9e-8fab-4f7e-8d6c-7b8c9dadbec7"),
                        Instant.parse("2026-11-23T12:10:00Z"), NODE, PROVIDER, UUID.fromString("e18e3daf-9abc-4a8f-9e7d-8c9daebecfd8"), "GOLD",
                        Instant.parse("2026-12-23T12:10:00Z"))),
                Arguments.of("node-certification-failed.v1.json", new NodeCertificationFailed(UUID.fromString("f29f4eb0-abcd-4b9a-8f8e-9daebfcfd0e9"),
                        Instant.parse("2026-11-23T12:20:00Z"), NODE, PROVIDER, UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
                        List.of("bad-signature: the node accepted a request signed with the wrong secret"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventIsWrittenAsItsStoredSample(String sample, IntegrationEvent event) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        String written = codec.encode(codec.envelope(event, "/flashback/registry-service"));

        assertThat(json.readTree(written)).isEqualTo(json.readTree(sample(sample)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void storedSampleReadsBackIntoTheRecord(String sample, IntegrationEvent event) throws IOException {
        EventCodec.Decoded decoded = codec.decode(sample(sample));

        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.envelope().subject()).isEqualTo(NODE.toString());
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = NodeEventsRoundTripTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
