package io.flashback.bridge.node;

import io.flashback.bridge.storage.FilesystemObjectStore;
import io.flashback.bridge.storage.ObjectStore;
import java.time.Clock;

/** Builds the storage backend a configuration names. */
final class Backends {
    private Backends() {}

    static ObjectStore create(NodeConfig config, Clock clock) {
        return switch (config.backend()) {
            case "filesystem" -> new FilesystemObjectStore(config.dataDir(), clock, config.minPartSize());
            default -> throw new IllegalArgumentException("unknown backend '" + config.backend() + "' (expected filesystem)");
        };
    }
}
