package io.flashback.monitor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.monitor.*}: this service's settings, validated at start. An interval of 0 turns
 * the job off (tests run the jobs themselves).
 *
 * @param probeInterval     how often each active node is probed
 * @param probeLocation     name of the location this probe worker runs in, recorded with every result
 * @param probeTimeout      how long one probe may take from connect to the last byte before it counts as a timeout
 * @param probeConcurrency  probes in flight at once
 * @param audit             canary uploads/downloads and possession audits (need canary credentials)
 * @param canaryCredentials S3 credentials per node configured by hand; they win over the platform's canary keys
 * @param retention         how long raw results and roll-ups are kept
 * @param reputation        daily reputation settlement and penalty warnings
 * @param maxTaggedNodes    nodes that get their own Prometheus series (node id tag); beyond it only totals are kept
 */
@Validated
@ConfigurationProperties("flashback.monitor")
public record MonitorProperties(@DefaultValue("1m") @NotNull Duration probeInterval,
                                @DefaultValue("local") @NotBlank String probeLocation,
                                @DefaultValue("5s") @NotNull Duration probeTimeout,
                                @DefaultValue("16") @Min(1) @Max(1000) int probeConcurrency,
                                @DefaultValue @Valid Audit audit,
                                @DefaultValue List<@Valid CanaryCredential> canaryCredentials,
                                @DefaultValue @Valid Retention retention,
                                @DefaultValue @Valid Reputation reputation,
                                @DefaultValue("500") @Min(0) int maxTaggedNodes) {

    /**
     * @param interval        how often each node with canary credentials is audited
     * @param timeout         how long one canary request may take
     * @param bucket          bucket the canaries live in, unless a node's credentials name another
     * @param canaryBytes     size of the canary object challenged by audits
     * @param challengeBytes  largest byte range one audit asks for
     * @param throughputBytes size of the object uploaded and downloaded to measure throughput
     * @param canaryKeySecret  base64 of 32 random bytes or more from which the platform's canary key on each node is
     *                         derived (nodes fetch theirs with the grant sync); without it (or the file) only
     *                         {@code canary-credentials} are used
     * @param canaryKeySecretFile        or a file holding that base64 text
     * @param createCanaryKeySecretFile  make that file with a random secret when it does not exist (the {@code local} profile)
     */
    public record Audit(@DefaultValue("15m") @NotNull Duration interval,
                        @DefaultValue("10s") @NotNull Duration timeout,
                        @DefaultValue("flashback-canary") @NotBlank String bucket,
                        @DefaultValue("1048576") @Min(1024) long canaryBytes,
                        @DefaultValue("4096") @Min(1) int challengeBytes,
                        @DefaultValue("1048576") @Min(1024) long throughputBytes,
                        String canaryKeySecret, java.nio.file.Path canaryKeySecretFile,
                        @DefaultValue("false") boolean createCanaryKeySecretFile) {

        /** Whether the platform's canary keys are on (a secret or a file is configured). */
        public boolean platformCanaryKeys() {
            return (canaryKeySecret != null && !canaryKeySecret.isBlank()) || canaryKeySecretFile != null;
        }

        /** Never prints the canary key secret. */
        @Override
        public String toString() {
            return "Audit[interval=" + interval + ", timeout=" + timeout + ", bucket=" + bucket + ", canaryBytes=" + canaryBytes
                    + ", challengeBytes=" + challengeBytes + ", throughputBytes=" + throughputBytes + ", canaryKeySecret="
                    + (canaryKeySecret == null || canaryKeySecret.isBlank() ? "unset" : "(hidden)") + ", canaryKeySecretFile=" + canaryKeySecretFile
                    + ", createCanaryKeySecretFile=" + createCanaryKeySecretFile + "]";
        }
    }

    /** One node's canary credentials; the secret never appears in {@link #toString()}. */
    public record CanaryCredential(@NotNull UUID nodeId, @NotBlank String accessKeyId, @NotBlank String secretAccessKey, String bucket) {

        @Override
        public String toString() {
            return "CanaryCredential[nodeId=" + nodeId + ", accessKeyId=" + accessKeyId + ", secretAccessKey=***, bucket=" + bucket + "]";
        }
    }

    /**
     * @param interval how often expired rows are deleted
     * @param raw      individual probe and audit results
     * @param minute   minute roll-ups
     * @param hour     hour roll-ups
     */
    public record Retention(@DefaultValue("1h") @NotNull Duration interval,
                            @DefaultValue("2d") @NotNull Duration raw,
                            @DefaultValue("7d") @NotNull Duration minute,
                            @DefaultValue("400d") @NotNull Duration hour) {
    }

    /**
     * @param interval                   how often closed days are settled and the running day checked for warnings
     * @param settleDelay                how long after midnight (UTC) a day is closed, so late verdicts still count
     * @param warningThreshold           score under which a projected fall raises a penalty warning
     * @param probeAvailabilityTargetPct availability a day judged by probes alone must reach
     * @param minimumDailyProbes         probes a day needs before probes alone may judge it
     */
    public record Reputation(@DefaultValue("15m") @NotNull Duration interval,
                             @DefaultValue("2h") @NotNull Duration settleDelay,
                             @DefaultValue("40") @DecimalMin("0") @DecimalMax("100") double warningThreshold,
                             @DefaultValue("99.0") @DecimalMin("0") @DecimalMax("100") double probeAvailabilityTargetPct,
                             @DefaultValue("30") @Min(1) int minimumDailyProbes) {
    }
}
