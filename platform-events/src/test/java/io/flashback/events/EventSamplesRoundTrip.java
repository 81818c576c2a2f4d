package io.flashback.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trip every published event must pass against its stored CloudEvents sample: written exactly as the sample,
 * on its topic, and read back into the same record with its aggregate id as subject. A subclass names the producing
 * service and lists {@code static Stream<Arguments> samples()} as (sample file, topic, key, event).
 */
public abstract class EventSamplesRoundTrip {

    private final EventCodec codec = new EventCodec();

    /** The CloudEvents source of the producing service, e.g. {@code /flashback/oracle-service}. */
    protected abstract String source();

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventIsWrittenAsItsStoredSample(String sample, String topic, String key, IntegrationEvent event) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        String written = codec.encode(codec.envelope(event, source()));

        assertThat(json.readTree(written)).isEqualTo(json.readTree(sample(sample)));
        assertThat(EventCatalog.of(event).topic()).isEqualTo(topic);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void storedSampleReadsBackIntoTheRecord(String sample, String topic, String key, IntegrationEvent event) throws IOException {
        EventCodec.Decoded decoded = codec.decode(sample(sample));

        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.envelope().subject()).isEqualTo(key);
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = EventSamplesRoundTrip.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
