package io.flashback.bridge.shipping;

import io.flashback.bridge.metering.LatencyHistogram;
import io.flashback.bridge.metering.RequestRecord;
import io.flashback.bridge.platform.NodeKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Batches, samples and requests for the shipping tests. */
final class ShippingFixtures {
    static final UUID NODE = UUID.fromString("3f2b1a0c-9d8e-4c7b-a6f5-e4d3c2b1a090");
    static final String AGREEMENT = "7c0f5a1e-3b2d-4c8e-9f10-2a3b4c5d6e7f";

    private ShippingFixtures() {}

    /** A node key in {@code dataDir} as the node makes it on its first start. */
    static NodeKey key(Path dataDir) {
        return NodeKey.loadOrCreate(dataDir);
    }

    static UsageSample sample(Instant minute, long requests) {
        List<Long> histogram = new ArrayList<>(Collections.nCopies(LatencyHistogram.BUCKETS, 0L));
        histogram.set(2, requests);
        return new UsageSample(AGREEMENT, minute, requests, 0, 0, Map.of("GetObject", requests), 0, requests * 100, requests * 20,
                20, histogram, 0, 0, 0, 0, 1_000);
    }

    static byte[] batchJson(long sequence, Instant minute) {
        MetricBatch batch = new MetricBatch(NODE, "0x90f79bf6eb2c4f870365e785982e1f101e93b906", sequence, minute.plusSeconds(65),
                List.of(sample(minute, 10)), "0x" + "ab".repeat(65));
        return BatchJson.write(batch);
    }

    static RequestRecord get(String accessKey, Instant at) {
        return new RequestRecord("s3", "GetObject", accessKey, 200, 0, 1_000, 15_000_000, at);
    }

    static long files(Path dir, String glob) throws Exception {
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            long n = 0;
            for (Path ignored : stream) n++;
            return n;
        }
    }
}
