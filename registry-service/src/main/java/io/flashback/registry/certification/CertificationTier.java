package io.flashback.registry.certification;

import io.flashback.registry.RegistryProperties;

import java.time.Duration;

/** How well a certified node performed in its run: GOLD and SILVER need the configured latency and throughput. */
public enum CertificationTier {
    GOLD, SILVER, BRONZE;

    /** The best tier the measurements reach; a run that passed every check is at least BRONZE. */
    static CertificationTier of(Duration medianLatency, long uploadBytesPerSecond, long downloadBytesPerSecond,
                                RegistryProperties.Certification rules) {
        long throughput = Math.min(uploadBytesPerSecond, downloadBytesPerSecond);
        if (medianLatency.compareTo(rules.goldLatency()) <= 0 && throughput >= rules.goldThroughput()) {
            return GOLD;
        }
        if (medianLatency.compareTo(rules.silverLatency()) <= 0 && throughput >= rules.silverThroughput()) {
            return SILVER;
        }
        return BRONZE;
    }
}
