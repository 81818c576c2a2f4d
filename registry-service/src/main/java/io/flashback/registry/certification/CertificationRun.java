package io.flashback.registry.certification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One certification run of a node. While it runs, the node honours the run's test key ({@code accessKeyId}, the
 * secret kept sealed) on {@code bucket} up to {@code quotaBytes}; a run that has not ended by {@code deadline} was
 * cut short (the registry instance running it stopped) and is ended as failed.
 */
public record CertificationRun(UUID id, UUID nodeId, RunTrigger trigger, RunOutcome outcome, Instant startedAt, Instant deadline,
                               Instant finishedAt, CertificationTier tier, Instant certifiedUntil, String accessKeyId, String bucket,
                               long quotaBytes, List<CheckResult> checks) {

    public CertificationRun {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public List<String> failureReasons() {
        return checks.stream().filter(check -> !check.passed()).map(CheckResult::reason).toList();
    }
}
