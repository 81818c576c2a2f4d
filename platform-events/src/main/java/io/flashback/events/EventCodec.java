package io.flashback.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes integration events as CloudEvents JSON and reads them back into their records. */
public final class EventCodec {

    /** A received event: the envelope as it came, and the record it carries. */
    public record Decoded(EventEnvelope envelope, IntegrationEvent event) {
    }

    private final JsonMapper json;

    public EventCodec() {
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public EventEnvelope envelope(IntegrationEvent event, String source) {
        EventCatalog.Entry entry = EventCatalog.of(event);
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, event.eventId().toString(), source, entry.type(),
                event.occurredAt(), event.aggregateId(), "application/json", json.valueToTree(event));
    }

    public String encode(EventEnvelope envelope) {
        return json.writeValueAsString(envelope);
    }

    /**
     * Reads a CloudEvents JSON message. Fails with {@link UnreadableEventException} when the text
     * is not an envelope or its data does not fit the type; returns an envelope with a null event
     * for a type this build does not know (a newer producer), so consumers can skip it.
     */
    public Decoded decode(String message) {
        try {
            EventEnvelope envelope = json.readValue(message, EventEnvelope.class);
            if (envelope.id() == null || envelope.type() == null || envelope.data() == null) {
                throw new UnreadableEventException("not a CloudEvents envelope: id, type and data are required");
            }
            IntegrationEvent event = EventCatalog.byType(envelope.type())
                    .map(entry -> (IntegrationEvent) json.treeToValue(envelope.data(), entry.javaType()))
                    .orElse(null);
            return new Decoded(envelope, event);
        } catch (JacksonException e) {
            throw new UnreadableEventException("unreadable event: " + e.getOriginalMessage(), e);
        }
    }
}
