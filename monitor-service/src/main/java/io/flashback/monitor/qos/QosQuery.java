package io.flashback.monitor.qos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated range of a QoS series: {@code [from, to)} with {@code from} moved back to the start of
 * its bucket. Defaults: the last hour by minute, the last day by hour.
 *
 * @param location only this probe location's observations (all locations when empty)
 */
public record QosQuery(Resolution resolution, Instant from, Instant to, Optional<String> location) {

    private static final int LOCATION_CHARACTERS = 100;

    /** Reads the request parameters (any of them may be null); throws {@link InvalidQosQuery} saying what is wrong. */
    public static QosQuery of(String resolution, String from, String to, String location, Clock clock) {
        Resolution chosen = resolution(resolution);
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(chosen.defaultRange()) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidQosQuery("from (" + start + ") must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(chosen.longestRange()) > 0) {
            throw new InvalidQosQuery((chosen == Resolution.MINUTE ? "a minute" : "an hour") + " series covers at most "
                    + describe(chosen.longestRange()) + "; ask for a shorter range"
                    + (chosen == Resolution.MINUTE ? " or resolution=hour" : ""));
        }
        Optional<String> where = Optional.ofNullable(location).map(String::strip).filter(text -> !text.isEmpty());
        if (where.map(text -> text.length() > LOCATION_CHARACTERS).orElse(false)) {
            throw new InvalidQosQuery("location is at most " + LOCATION_CHARACTERS + " characters");
        }
        return new QosQuery(chosen, chosen.bucketOf(start), end, where);
    }

    private static Resolution resolution(String value) {
        if (value == null || value.isBlank()) {
            return Resolution.MINUTE;
        }
        try {
            return Resolution.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQosQuery("resolution must be minute or hour, not '" + value + "'");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidQosQuery(name + " must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, not '" + value + "'");
        }
    }

    private static String describe(Duration range) {
        return range.toHours() <= 48 ? range.toHours() + " hours" : range.toDays() + " days";
    }
}
