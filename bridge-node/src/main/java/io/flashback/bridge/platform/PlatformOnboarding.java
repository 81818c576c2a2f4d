package io.flashback.bridge.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve --platform-url} does next to serving S3 and GCS: announce (retrying while the platform is
 * unreachable), print the node id and secret a provider claims the node with, claim with
 * {@code FLASHBACK_CLAIM_CODE} when given, then send heartbeats and sync the node's grants ({@link GrantSync}). Runs on
 * its own threads: the storage server is up whatever the platform does.
 */
public final class PlatformOnboarding implements AutoCloseable {
    public static final String CLAIM_CODE_VARIABLE = "FLASHBACK_CLAIM_CODE";
    private static final Logger log = LoggerFactory.getLogger(PlatformOnboarding.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bridge-node-platform");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Heartbeats heartbeats;
    private volatile GrantSync grantSync;

    private PlatformOnboarding() {}

    /**
     * @param defaultEndpoint the data port's URL, announced unless {@code --public-endpoint} says otherwise
     * @param grants          where the grants synced from the platform go
     * @param env             the process environment ({@value #CLAIM_CODE_VARIABLE})
     */
    public static PlatformOnboarding start(PlatformOptions options, Path dataDir, String region, String defaultEndpoint,
                                           GrantSync.Target grants, Map<String, String> env, PrintStream out, PrintStream err) {
        NodeKey key = NodeKey.loadOrCreate(dataDir);
        NodeDetails details = new NodeDetails(options.publicEndpoint() == null ? defaultEndpoint : options.publicEndpoint(),
                List.of("s3", "gcs"), region, options.capacityBytes() == null ? diskSize(dataDir) : options.capacityBytes(), version());
        String claimCode = env.get(CLAIM_CODE_VARIABLE);
        PlatformClient client = new PlatformClient(options.platformUrl());
        Clock clock = Clock.systemUTC();
        PlatformOnboarding onboarding = new PlatformOnboarding();
        new Announcement(client, key, dataDir, clock)
                .announceWithRetries(details, options.reannounce(), onboarding.scheduler, Duration.ofSeconds(1), Duration.ofSeconds(60))
                .whenComplete((registration, failure) -> {
                    if (failure != null) {
                        err.println("bridge-node: not announced to " + options.platformUrl() + ": " + failure.getMessage()
                                + " (the node keeps serving, unregistered)");
                        err.flush();
                        return;
                    }
                    Registration current = registration;
                    printRegistration(current, dataDir, out);
                    if (claimCode != null && !claimCode.isBlank() && !current.claimed()) {
                        current = claimWithCode(client, key, dataDir, current, claimCode, out, err);
                    }
                    onboarding.heartbeats = new Heartbeats(client, key, current.nodeId(), clock).start(onboarding.scheduler, options.heartbeatInterval());
                    onboarding.grantSync = new GrantSync(client, key, current.nodeId(), grants, clock, options.grantSyncInterval()).start();
                });
        return onboarding;
    }

    private static Registration claimWithCode(PlatformClient client, NodeKey key, Path dataDir, Registration registration, String code,
                                              PrintStream out, PrintStream err) {
        try {
            Claim.Claimed claimed = new Claim(client, key, dataDir).submit(registration, code);
            out.println("  claimed by:    " + claimed.provider() + " (with " + CLAIM_CODE_VARIABLE + "); the provider now sends the claim on chain");
            out.flush();
            return registration.claimedBy(claimed.provider());
        } catch (IllegalArgumentException | PlatformException e) {
            err.println("bridge-node: " + CLAIM_CODE_VARIABLE + " not accepted: " + e.getMessage());
            err.flush();
            return registration;
        }
    }

    static void printRegistration(Registration registration, Path dataDir, PrintStream out) {
        out.println("Flashback platform: node announced to " + registration.platform());
        out.println("  node id:       " + registration.nodeId());
        out.println("  node address:  " + registration.nodeAddress());
        if (registration.claimed()) {
            out.println("  claimed by:    " + registration.provider());
        } else {
            out.println("  secret:        " + registration.secret());
            out.println("  to claim it:   as the provider, get a claim code for this node id and secret from the platform, then run");
            out.println("                 java -jar bridge-node.jar claim CODE --data-dir " + dataDir + " --platform-url " + registration.platform());
            out.println("                 (or restart the node with " + CLAIM_CODE_VARIABLE + "=CODE)");
        }
        out.flush();
    }

    /** The size of the file system holding the data directory: what a filesystem node can offer at most. */
    static long diskSize(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return Math.max(1, Files.getFileStore(dataDir).getTotalSpace());
        } catch (IOException e) {
            log.warn("cannot size the disk of {} ({}); announcing 1 byte: give --capacity", dataDir, e.getMessage());
            return 1;
        }
    }

    static String version() {
        String version = PlatformOnboarding.class.getPackage().getImplementationVersion();
        return version == null || !version.matches("[A-Za-z0-9.+_-]{1,64}") ? "0.1.0" : version;
    }

    /** The heartbeats once the node has announced, else null. */
    public Heartbeats heartbeats() {
        return heartbeats;
    }

    /** The grant sync once the node has announced, else null. */
    public GrantSync grantSync() {
        return grantSync;
    }

    @Override
    public void close() {
        Heartbeats running = heartbeats;
        if (running != null) running.close();
        GrantSync syncing = grantSync;
        if (syncing != null) syncing.close();
        scheduler.shutdownNow();
    }
}
