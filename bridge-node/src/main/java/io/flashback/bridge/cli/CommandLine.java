package io.flashback.bridge.cli;

import io.flashback.bridge.faults.FaultInjection;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.StaticGrantSource;
import io.flashback.bridge.node.NodeConfig;
import io.flashback.bridge.platform.PlatformOptions;
import io.flashback.bridge.shipping.ShippingOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code serve} options into a {@link NodeConfig}; every mistake is a {@link UsageException} with a clear message. */
final class CommandLine {
    static final String USAGE = """
            usage: java -jar bridge-node.jar serve [options]
              --port N                  S3 / GCS data port (default 9000)
              --management-port N       Prometheus /metrics and /health (default 9001)
              --data-dir DIR            where the filesystem backend keeps objects (default ./data)
              --grant AK:SECRET:QUOTA:bucket1,bucket2[:READ|READ_WRITE]
                                        a grant; repeatable; QUOTA in bytes or with KiB/MiB/GiB/TiB;
                                        a bucket ending in * matches by prefix
              --grants-file FILE        JSON grants, re-read when the file changes
              --bind ADDRESS            listen address (default 0.0.0.0)
              --region REGION           region reported to clients (default us-east-1)
              --virtual-host-suffix S   host suffix for virtual-hosted-style requests (default localhost)
              --backend filesystem|s3|gcs
              --upstream-endpoint URL   S3 endpoint (s3) or GCS host (gcs) of the provider's storage
              --upstream-access-key AK  --upstream-secret-key SECRET  --upstream-region REGION
              --upstream-project ID     GCS project (gcs backend)
              --min-part-size BYTES     smallest non-final multipart part (default 5MiB, as S3)
              --gcs-token-ttl SEC       the longest a GCS bearer token may live (default 3600)
            other commands:
              gcs-token --access-key AK --secret SECRET [--ttl SEC]
                                        print a GCS bearer token valid for SEC seconds (default 3600)
            """ + PlatformOptions.USAGE + ShippingOptions.USAGE + FaultInjection.USAGE;

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {}

    static NodeConfig serve(List<String> args) {
        return serve(args, false);
    }

    /** @param platformGrants the node serves the platform's grants (--platform-url): local grants are then optional */
    static NodeConfig serve(List<String> args, boolean platformGrants) {
        FaultInjection.Split faults = FaultInjection.split(args);   // test-only switches, off unless given
        args = faults.rest();
        int port = 9000;
        int managementPort = 9001;
        Path dataDir = Path.of("data");
        List<Grant> grants = new ArrayList<>();
        Path grantsFile = null;
        String bind = "0.0.0.0";
        Duration gcsTokenTtl = null;
        String region = null;
        List<String> suffixes = new ArrayList<>();
        String backend = "filesystem";
        URI upstream = null;
        String upstreamKey = null;
        String upstreamSecret = null;
        String upstreamRegion = null;
        String upstreamProject = null;
        long minPart = 0;
        for (int i = 0; i < args.size(); i++) {
            String opt = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (!opt.startsWith("--")) throw new UsageException("unexpected argument '" + opt + "'");
            if (value == null) throw new UsageException("option " + opt + " needs a value");
            i++;
            switch (opt) {
                case "--port" -> port = port(opt, value);
                case "--management-port" -> managementPort = port(opt, value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--grant" -> {
                    try {
                        grants.add(StaticGrantSource.parse(value));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--grants-file" -> {
                    grantsFile = Path.of(value);
                    if (!Files.isReadable(grantsFile)) throw new UsageException("grants file " + value + " cannot be read");
                }
                case "--bind" -> bind = value;
                case "--region" -> region = value;
                case "--virtual-host-suffix" -> suffixes.add(value);
                case "--backend" -> {
                    if (!List.of("filesystem", "s3", "gcs").contains(value)) {
                        throw new UsageException("--backend must be filesystem, s3 or gcs, not '" + value + "'");
                    }
                    backend = value;
                }
                case "--upstream-endpoint" -> {
                    try {
                        upstream = URI.create(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--upstream-endpoint '" + value + "' is not a URL");
                    }
                }
                case "--upstream-access-key" -> upstreamKey = value;
                case "--upstream-secret-key" -> upstreamSecret = value;
                case "--upstream-region" -> upstreamRegion = value;
                case "--upstream-project" -> upstreamProject = value;
                case "--min-part-size" -> {
                    try {
                        minPart = StaticGrantSource.parseSize(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--min-part-size: " + e.getMessage());
                    }
                }
                case "--gcs-token-ttl" -> {
                    try {
                        gcsTokenTtl = java.time.Duration.ofSeconds(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--gcs-token-ttl must be a number of seconds, not '" + value + "'");
                    }
                    if (gcsTokenTtl.toSeconds() < 1) throw new UsageException("--gcs-token-ttl must be at least 1 second");
                }
                default -> throw new UsageException("unknown option " + opt);
            }
        }
        if (port == managementPort && port != 0) throw new UsageException("--port and --management-port must differ");
        if (grants.isEmpty() && grantsFile == null && !platformGrants) {
            throw new UsageException("no grant given: add --grant ACCESS_KEY:SECRET:QUOTA:bucket1,bucket2 or --grants-file FILE,"
                    + " or --platform-url URL to serve the grants of the platform's agreements");
        }
        if ((upstreamKey == null) != (upstreamSecret == null)) {
            throw new UsageException("--upstream-access-key and --upstream-secret-key go together");
        }
        if (backend.equals("s3") && (upstreamKey == null || upstreamSecret == null)) {
            throw new UsageException("the s3 backend needs --upstream-access-key and --upstream-secret-key");
        }
        return new NodeConfig(bind, port, managementPort, dataDir, backend, upstream, upstreamKey, upstreamSecret,
                upstreamRegion, upstreamProject, region, suffixes.isEmpty() ? null : suffixes, grants, grantsFile,
                Duration.ofSeconds(60), minPart, 0).withFaults(faults.faults()).withGcsTokenTtl(gcsTokenTtl);
    }

    private static int port(String opt, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " must be a port number between 0 and 65535, not '" + value + "'");
        }
    }
}
