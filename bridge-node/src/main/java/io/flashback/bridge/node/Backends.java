package io.flashback.bridge.node;

import io.flashback.bridge.storage.FilesystemObjectStore;
import io.flashback.bridge.storage.GcsObjectStore;
import io.flashback.bridge.storage.ObjectStore;
import io.flashback.bridge.storage.S3ObjectStore;
import java.time.Clock;

/** Builds the storage backend a configuration names. */
final class Backends {
    private Backends() {}

    static ObjectStore create(NodeConfig config, Clock clock) {
        return switch (config.backend()) {
            case "filesystem" -> new FilesystemObjectStore(config.dataDir(), clock, config.minPartSize());
            case "s3" -> new S3ObjectStore(config.upstreamEndpoint(), config.upstreamAccessKey(), config.upstreamSecretKey(),
                    config.upstreamRegion(), config.dataDir(), clock);
            case "gcs" -> new GcsObjectStore(config.upstreamEndpoint(), config.upstreamProject(), config.upstreamAccessKey(),
                    config.upstreamSecretKey(), config.dataDir(), clock);
            default -> throw new IllegalArgumentException("unknown backend '" + config.backend() + "' (expected filesystem, s3 or gcs)");
        };
    }
}
