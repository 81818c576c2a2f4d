package io.flashback.bridge.node;

import io.flashback.bridge.auth.SigV4Authenticator;
import io.flashback.bridge.gcs.GcsFrontend;
import io.flashback.bridge.gcs.ResumableUploads;
import io.flashback.bridge.grants.FileGrantSource;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.GrantLayers;
import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.metering.InMemoryUsageAggregates;
import io.flashback.bridge.metering.RequestMetering;
import io.flashback.bridge.metering.UsageAggregates;
import io.flashback.bridge.s3.S3Frontend;
import io.flashback.bridge.s3.S3Routes;
import io.flashback.bridge.server.HttpServer;
import io.flashback.bridge.server.ProtocolFrontend;
import io.flashback.bridge.storage.MeteredObjectStore;
import io.flashback.bridge.storage.ObjectStore;
import io.flashback.bridge.storage.QuotaObjectStore;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running bridge node: data port (S3 + GCS JSON API), management port, storage, grants, metering. */
public final class BridgeNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeNode.class);

    private final NodeConfig config;
    private final Grants grants;
    private final GrantLayers grantLayers;
    private final ObjectStore store;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final UsageAggregates usage = new InMemoryUsageAggregates(this::agreementOf);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bridge-node-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer dataServer;
    private final HttpServer managementServer;

    private BridgeNode(NodeConfig config, Clock clock) {
        this.config = config;
        List<Grant> initial = new ArrayList<>(config.grants());
        FileGrantSource fileSource = config.grantsFile() == null ? null : new FileGrantSource(config.grantsFile());
        if (fileSource != null) initial.addAll(fileSource.load());
        this.grants = new Grants(initial);
        this.grantLayers = new GrantLayers(grants, initial);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        if (config.faults().active()) log.warn(config.faults().describe());
        this.store = new MeteredObjectStore(config.faults().store(Backends.create(config, clock)), registry, config.backend());
        QuotaObjectStore.Reservations reservations = new QuotaObjectStore.Reservations();
        RequestMetering metering = new RequestMetering(registry, usage);
        SigV4Authenticator authenticator = new SigV4Authenticator(grants, clock);
        java.util.function.Function<Grant, QuotaObjectStore> storeForGrant = g -> new QuotaObjectStore(store, g, reservations);
        List<ProtocolFrontend> frontends = new ArrayList<>();
        frontends.add(new GcsFrontend(grants, storeForGrant, new ResumableUploads(config.dataDir()), clock, config.gcsTokenTtl()));
        frontends.add(new S3Frontend(authenticator, new S3Routes(config.region()), storeForGrant::apply, config.virtualHostSuffixes()));
        try {
            this.dataServer = new HttpServer(config.bindAddress(), config.port(),
                    config.faults().dispatcher(new NodeDispatcher(frontends, metering, clock, config.backend().equals("filesystem")),
                            metering, clock), config.bodyTimeout(), config.ioThreads());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            this.managementServer = new HttpServer(config.bindAddress(), config.managementPort(),
                    new ManagementDispatcher(registry, this::healthJson), config.bodyTimeout(), 1);
        } catch (RuntimeException e) {
            dataServer.close();
            store.close();
            throw e;
        }
        if (fileSource != null) watch(fileSource);
    }

    public static BridgeNode start(NodeConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static BridgeNode start(NodeConfig config, Clock clock) {
        return new BridgeNode(config, clock);
    }

    /** Re-reads the grants file when it changes: grants are replaced without a restart. */
    private void watch(FileGrantSource source) {
        AtomicLong seen = new AtomicLong(source.lastModified());
        scheduler.scheduleWithFixedDelay(() -> {
            long m = source.lastModified();
            if (m == seen.get()) return;
            try {
                List<Grant> all = new ArrayList<>(config.grants());
                all.addAll(source.load());
                grantLayers.replaceLocal(all);
                seen.set(m);
                log.info("grants reloaded from {}: {} grants", source.file(), all.size());
            } catch (RuntimeException e) {
                log.warn("grants file {} not reloaded: {}", source.file(), e.getMessage());
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    /** The platform agreement an access key's grant serves (its usage is shipped to the oracle), or null. */
    private String agreementOf(String accessKey) {
        return grants.byAccessKey(accessKey).map(Grant::agreementId).orElse(null);
    }

    private String healthJson() {
        return "{\"status\":\"UP\",\"backend\":\"" + config.backend() + "\",\"grants\":" + grants.all().size() + "}";
    }

    public int port() { return dataServer.port(); }

    public int managementPort() { return managementServer.port(); }

    public String endpoint() { return "http://127.0.0.1:" + port(); }

    public Grants grants() { return grants; }

    /** Local grants and the platform's, merged into {@link #grants()}; the grant sync replaces the platform layer. */
    public GrantLayers grantLayers() { return grantLayers; }

    public UsageAggregates usage() { return usage; }

    public ObjectStore store() { return store; }

    public PrometheusMeterRegistry registry() { return registry; }

    @Override
    public void close() {
        scheduler.shutdownNow();
        dataServer.close();
        managementServer.close();
        store.close();
        registry.close();
    }
}
