package io.flashback.events;

import io.flashback.events.registry.AccountRegistered;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final AccountRegistered sample = new AccountRegistered(
            UUID.fromString("5b0c8a59-5d3e-4a0e-9a56-0f4f3c7f1c11"), Instant.parse("2026-11-23T10:15:30Z"),
            UUID.fromString("0d7f2a4e-8f7b-4c52-9a0e-3a1b2c3d4e5f"), "0x70997970c51812dc3a010c7d01b50e20d4dc79c8",
            "PROVIDER", "Acme Storage");

    @Test
    void accountRegisteredIsWrittenAsTheStoredCloudEventsSample() throws IOException {
        String written = codec.encode(codec.envelope(sample, "/flashback/registry-service"));

        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(written)).isEqualTo(json.readTree(sample("account-registered.v1.json")));
    }

    @Test
    void storedSampleReadsBackIntoTheRecord() throws IOException {
        EventCodec.Decoded decoded = codec.decode(sample("account-registered.v1.json"));

        assertThat(decoded.event()).isEqualTo(sample);
        assertThat(decoded.envelope().subject()).isEqualTo(sample.aggregateId());
        assertThat(decoded.envelope().source()).isEqualTo("/flashback/registry-service");
    }

    @Test
    void eventOfAnUnknownTypeIsReadWithoutItsRecord() {
        EventCodec.Decoded decoded = codec.decode("""
                {"specversion":"1.0","id":"1","source":"/x","type":"io.flashback.future.thing-happened.v1","data":{"a":1}}""");

        assertThat(decoded.event()).isNull();
        assertThat(decoded.envelope().type()).isEqualTo("io.flashback.future.thing-happened.v1");
    }

    @Test
    void textThatIsNoEnvelopeIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> codec.decode("{\"hello\":1}")).isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("id, type and data are required");
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void everyCatalogEntryHasAVersionedTypeAndAKnownTopic() {
        assertThat(EventCatalog.entries()).allSatisfy(entry -> {
            assertThat(entry.type()).matches("io\\.flashback\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
            assertThat(Topics.ALL).contains(entry.topic());
        });
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = EventCodecTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
