package io.flashback.bridge.metering;

import java.time.Instant;

/** Usage of one grant during one minute: what a later issue signs and ships to the oracle. */
public record UsageMinute(String accessKey, Instant minute, long requests, long clientErrors, long serverErrors,
                          long bytesIn, long bytesOut, long latencyNanosTotal, long latencyNanosMax) {}
