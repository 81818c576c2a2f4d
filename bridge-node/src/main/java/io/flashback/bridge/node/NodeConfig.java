package io.flashback.bridge.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node needs to start.
 *
 * @param backend             filesystem (default), s3 or gcs
 * @param upstreamEndpoint    the provider's S3 endpoint (s3) or GCS host (gcs); null for AWS/Google defaults
 * @param virtualHostSuffixes host suffixes for virtual-hosted-style addressing, e.g. {@code localhost}
 * @param grantsFile          optional JSON grants file, re-read when it changes
 * @param faults              faults injected for tests; {@link io.flashback.bridge.faults.FaultInjection#OFF} unless asked for
 * @param gcsTokenTtl         the longest a GCS bearer token may live (tokens carry their expiry; default one hour)
 */
public record NodeConfig(
        String bindAddress,
        int port,
        int managementPort,
        Path dataDir,
        String backend,
        URI upstreamEndpoint,
        String upstreamAccessKey,
        String upstreamSecretKey,
        String upstreamRegion,
        String upstreamProject,
        String region,
        List<String> virtualHostSuffixes,
        List<io.flashback.bridge.grants.Grant> grants,
        Path grantsFile,
        Duration bodyTimeout,
        long minPartSize,
        int ioThreads,
        io.flashback.bridge.faults.FaultInjection faults,
        Duration gcsTokenTtl) {

    public static final long DEFAULT_MIN_PART_SIZE = 5L * 1024 * 1024;

    public NodeConfig {
        bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
        backend = backend == null ? "filesystem" : backend;
        region = region == null ? "us-east-1" : region;
        virtualHostSuffixes = virtualHostSuffixes == null ? List.of("localhost") : List.copyOf(virtualHostSuffixes);
        grants = grants == null ? List.of() : List.copyOf(grants);
        bodyTimeout = bodyTimeout == null ? Duration.ofSeconds(60) : bodyTimeout;
        minPartSize = minPartSize <= 0 ? DEFAULT_MIN_PART_SIZE : minPartSize;
        ioThreads = ioThreads <= 0 ? Math.max(2, Runtime.getRuntime().availableProcessors()) : ioThreads;
        faults = faults == null ? io.flashback.bridge.faults.FaultInjection.OFF : faults;
        gcsTokenTtl = gcsTokenTtl == null ? io.flashback.bridge.gcs.GcsTokens.DEFAULT_TTL : gcsTokenTtl;
        if (gcsTokenTtl.isNegative() || gcsTokenTtl.isZero()) {
            throw new IllegalArgumentException("the GCS token lifetime must be positive, not " + gcsTokenTtl);
        }
    }

    /** A node without injected faults (the only kind a provider runs). */
    public NodeConfig(String bindAddress, int port, int managementPort, Path dataDir, String backend, URI upstreamEndpoint,
                      String upstreamAccessKey, String upstreamSecretKey, String upstreamRegion, String upstreamProject, String region,
                      List<String> virtualHostSuffixes, List<io.flashback.bridge.grants.Grant> grants, Path grantsFile,
                      Duration bodyTimeout, long minPartSize, int ioThreads) {
        this(bindAddress, port, managementPort, dataDir, backend, upstreamEndpoint, upstreamAccessKey, upstreamSecretKey, upstreamRegion,
                upstreamProject, region, virtualHostSuffixes, grants, grantsFile, bodyTimeout, minPartSize, ioThreads, null, null);
    }

    /** The same node with faults injected, for tests only (see {@link io.flashback.bridge.faults.FaultInjection}). */
    public NodeConfig withFaults(io.flashback.bridge.faults.FaultInjection injected) {
        return new NodeConfig(bindAddress, port, managementPort, dataDir, backend, upstreamEndpoint, upstreamAccessKey,
                upstreamSecretKey, upstreamRegion, upstreamProject, region, virtualHostSuffixes, grants, grantsFile, bodyTimeout,
                minPartSize, ioThreads, injected, gcsTokenTtl);
    }

    /** A filesystem node on the given ports with the given grants; the starting point of tests and the CLI. */
    public static NodeConfig filesystem(int port, int managementPort, Path dataDir, List<io.flashback.bridge.grants.Grant> grants) {
        return new NodeConfig("127.0.0.1", port, managementPort, dataDir, "filesystem", null, null, null, null, null, null,
                null, grants, null, null, 0, 0);
    }

    public NodeConfig withBodyTimeout(Duration timeout) {
        return new NodeConfig(bindAddress, port, managementPort, dataDir, backend, upstreamEndpoint, upstreamAccessKey,
                upstreamSecretKey, upstreamRegion, upstreamProject, region, virtualHostSuffixes, grants, grantsFile, timeout,
                minPartSize, ioThreads, faults, gcsTokenTtl);
    }

    /** The same node accepting GCS bearer tokens that live at most {@code ttl}. */
    public NodeConfig withGcsTokenTtl(Duration ttl) {
        return new NodeConfig(bindAddress, port, managementPort, dataDir, backend, upstreamEndpoint, upstreamAccessKey,
                upstreamSecretKey, upstreamRegion, upstreamProject, region, virtualHostSuffixes, grants, grantsFile, bodyTimeout,
                minPartSize, ioThreads, faults, ttl);
    }

    public NodeConfig withUpstream(String backendName, URI endpoint, String accessKey, String secretKey, String project) {
        return new NodeConfig(bindAddress, port, managementPort, dataDir, backendName, endpoint, accessKey, secretKey,
                upstreamRegion, project, region, virtualHostSuffixes, grants, grantsFile, bodyTimeout, minPartSize, ioThreads, faults,
                gcsTokenTtl);
    }
}
