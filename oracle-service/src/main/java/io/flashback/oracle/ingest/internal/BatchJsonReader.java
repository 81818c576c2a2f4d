package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.MetricBatch;
import io.flashback.oracle.ingest.UsageSample;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the body of {@code POST /ingest/batches} with Jackson's streaming parser straight into the domain records: the
 * ingest parses tens of thousands of samples a second, and data binding through intermediate records cost more than
 * everything else the oracle does with a batch. Strict: an unknown field, a missing one or a wrong type is refused
 * ({@link IllegalArgumentException}), since nothing unsigned may ride along.
 */
final class BatchJsonReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int SAMPLE_FIELDS = 16;

    private BatchJsonReader() {
    }

    static MetricBatch read(byte[] body) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the batch");
            UUID nodeId = null;
            String nodeAddress = null;
            Long sequence = null;
            Instant createdAt = null;
            List<UsageSample> samples = null;
            String signature = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "nodeId" -> nodeId = UUID.fromString(text(p, value, field));
                    case "nodeAddress" -> nodeAddress = text(p, value, field);
                    case "sequence" -> sequence = number(p, value, field);
                    case "createdAt" -> createdAt = Instant.parse(text(p, value, field));
                    case "signature" -> signature = text(p, value, field);
                    case "samples" -> samples = samples(p, value);
                    default -> throw new IllegalArgumentException("unknown field '" + field + "'");
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the batch");
            }
            if (nodeId == null || nodeAddress == null || sequence == null || createdAt == null || samples == null || signature == null) {
                throw new IllegalArgumentException("nodeId, nodeAddress, sequence, createdAt, samples and signature are required");
            }
            return new MetricBatch(nodeId, nodeAddress, sequence, createdAt, samples, signature);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a time is not an ISO-8601 instant: " + e.getMessage(), e);
        }
    }

    private static List<UsageSample> samples(JsonParser p, JsonToken value) {
        expect(value, JsonToken.START_ARRAY, "samples");
        List<UsageSample> samples = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            samples.add(sample(p, p.currentToken()));
        }
        return samples;
    }

    private static UsageSample sample(JsonParser p, JsonToken value) {
        expect(value, JsonToken.START_OBJECT, "a sample");
        String agreementId = null;
        long minute = Long.MIN_VALUE;
        long[] n = new long[13];
        int seen = 0;
        Map<String, Long> byOperation = null;
        List<Long> histogram = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            seen++;
            switch (field) {
                case "agreementId" -> agreementId = text(p, token, field);
                case "minute" -> minute = minute(text(p, token, field));
                case "requests" -> n[0] = number(p, token, field);
                case "serverErrors" -> n[1] = number(p, token, field);
                case "clientErrors" -> n[2] = number(p, token, field);
                case "bytesIn" -> n[3] = number(p, token, field);
                case "bytesOut" -> n[4] = number(p, token, field);
                case "latencySumMs" -> n[5] = number(p, token, field);
                case "latencyMaxMs" -> n[6] = number(p, token, field);
                case "uploadBytes" -> n[7] = number(p, token, field);
                case "uploadMillis" -> n[8] = number(p, token, field);
                case "downloadBytes" -> n[9] = number(p, token, field);
                case "downloadMillis" -> n[10] = number(p, token, field);
                case "storedBytes" -> n[11] = number(p, token, field);
                case "requestsByOperation" -> {
                    expect(token, JsonToken.START_OBJECT, field);
                    byOperation = new HashMap<>();
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String operation = p.currentName();
                        byOperation.put(operation, number(p, p.nextToken(), field));
                    }
                }
                case "latencyHistogram" -> {
                    expect(token, JsonToken.START_ARRAY, field);
                    histogram = new ArrayList<>(12);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        histogram.add(number(p, p.currentToken(), field));
                    }
                }
                default -> throw new IllegalArgumentException("unknown sample field '" + field + "'");
            }
        }
        if (seen != SAMPLE_FIELDS || agreementId == null || minute == Long.MIN_VALUE || byOperation == null || histogram == null) {
            throw new IllegalArgumentException("a sample needs each of its " + SAMPLE_FIELDS + " fields once");
        }
        return new UsageSample(agreementId, minute, n[0], n[1], n[2], byOperation, n[3], n[4], n[5], n[6], histogram, n[7], n[8], n[9],
                n[10], n[11]);
    }

    /**
     * Unix seconds of a minute; -1 for an instant within a minute (which IngestLimits then names). Nodes write
     * {@code 2026-11-23T12:00:00Z}, read here without the general ISO parser, which was the costliest part of a sample.
     */
    static long minute(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minuteOfHour = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minuteOfHour >= 0 && minuteOfHour < 60 && second >= 0 && second < 60) {
                long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minuteOfHour * 60L + second;
                return second == 0 ? seconds : -1;
            }
        }
        Instant instant = Instant.parse(text);
        return instant.getNano() == 0 && instant.getEpochSecond() % 60 == 0 ? instant.getEpochSecond() : -1;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String text(JsonParser p, JsonToken token, String field) {
        if (token != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return p.getString();
    }

    private static long number(JsonParser p, JsonToken token, String field) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return p.getLongValue();
    }

    private static void expect(JsonToken token, JsonToken expected, String what) {
        if (token != expected) {
            throw new IllegalArgumentException(what + " must be a JSON " + (expected == JsonToken.START_ARRAY ? "array" : "object"));
        }
    }
}
