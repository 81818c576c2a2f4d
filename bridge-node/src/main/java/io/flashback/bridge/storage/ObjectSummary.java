package io.flashback.bridge.storage;

import java.time.Instant;

/** One row of a listing. */
public record ObjectSummary(String key, long size, String etag, Instant lastModified) {}
