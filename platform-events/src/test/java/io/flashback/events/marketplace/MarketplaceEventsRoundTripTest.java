package io.flashback.events.marketplace;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event marketplace-service publishes, written as and read back from its stored CloudEvents sample. */
class MarketplaceEventsRoundTripTest {

    static final UUID AGREEMENT = UUID.fromString("7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f");
    static final UUID DATA_UNIT = UUID.fromString("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");

    private final EventCodec codec = new EventCodec();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("capacity-reserved.v1.json", new CapacityReserved(UUID.fromString("c0000000-0000-4000-8000-000000000001"),
                        Instant.parse("2026-11-23T12:00:02Z"), AGREEMENT, DATA_UNIT, 53_687_091_200L, 946_312_908_800L)),
                Arguments.of("capacity-reservation-refused.v1.json", new CapacityReservationRefused(
                        UUID.fromString("c0000000-0000-4000-8000-000000000002"), Instant.parse("2026-11-23T12:00:03Z"), AGREEMENT, DATA_UNIT,
                        53_687_091_200L, 1_000_000L, "only 1000000 bytes free")),
                Arguments.of("capacity-released.v1.json", new CapacityReleased(UUID.fromString("c0000000-0000-4000-8000-000000000003"),
                        Instant.parse("2026-12-23T12:10:01Z"), AGREEMENT, DATA_UNIT, 53_687_091_200L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void isWrittenAsItsStoredSampleAndReadBack(String sample, IntegrationEvent event) throws IOException {
        String stored = read(sample);
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.readTree(codec.encode(codec.envelope(event, "/flashback/marketplace-service")))).isEqualTo(json.readTree(stored));
        assertThat(codec.decode(stored).event()).isEqualTo(event);
        assertThat(EventCatalog.of(event).topic()).isEqualTo(Topics.MARKETPLACE);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = MarketplaceEventsRoundTripTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
