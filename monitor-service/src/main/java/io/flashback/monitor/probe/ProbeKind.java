package io.flashback.monitor.probe;

/** How a node was probed. */
public enum ProbeKind {
    /** an unsigned {@code GET /}: needs no credentials, proves the S3 server answers */
    ANONYMOUS,
    /** a signed upload and download of the platform's throughput canary: needs the platform's credentials on the node */
    CANARY
}
