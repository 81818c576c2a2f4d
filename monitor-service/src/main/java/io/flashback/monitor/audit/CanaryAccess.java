package io.flashback.monitor.audit;

/** What the platform may do on one node: its own credentials there and the bucket its canaries live in. */
public record CanaryAccess(S3Credentials credentials, String bucket) {
}
