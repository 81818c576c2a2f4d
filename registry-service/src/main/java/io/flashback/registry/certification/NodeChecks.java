package io.flashback.registry.certification;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The checks of a certification run against a node's public endpoint, as a consumer's S3 tools would use it. */
public interface NodeChecks {

    /**
     * Waits (up to the configured time) until the node honours {@code credentials}, then checks and measures it. Never
     * throws for what the node does: every failure is a failed {@link CheckResult}.
     */
    Report run(URI endpoint, TestCredentials credentials);

    /**
     * @param medianLatency the median time of a small GET; {@code null} when it could not be measured
     */
    record Report(List<CheckResult> checks, Duration medianLatency, long uploadBytesPerSecond, long downloadBytesPerSecond) {

        public Report {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed);
        }
    }
}
