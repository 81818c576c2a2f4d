package io.flashback.events;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A CloudEvents 1.0 event in structured JSON mode (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md):
 * the whole envelope is the Kafka message value; {@code subject} is the aggregate id, which is
 * also the message key.
 */
public record EventEnvelope(String specversion, String id, String source, String type, Instant time, String subject,
                            String datacontenttype, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
}
