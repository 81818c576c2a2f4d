package io.flashback.bridge.storage;

import java.time.Instant;

public record BucketInfo(String name, String owner, Instant created) {}
