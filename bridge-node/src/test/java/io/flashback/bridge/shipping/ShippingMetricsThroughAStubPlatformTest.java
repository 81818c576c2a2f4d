package io.flashback.bridge.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flashback.bridge.metering.InMemoryUsageAggregates;
import io.flashback.bridge.platform.NodeKey;
import io.flashback.bridge.platform.PlatformClient;
import io.flashback.bridge.platform.PlatformStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue #7 on the node's side against a stand-in for the gateway and the oracle's ingest: batches arrive signed, an
 * outage delays them without losing any, a restart resends what was not acknowledged and the oracle never takes a
 * batch twice, refusals are set aside without blocking the rest.
 */
class ShippingMetricsThroughAStubPlatformTest {
    static final Instant NOW = Instant.parse("2026-11-23T12:03:30Z");
    static final Instant MINUTE = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dataDir;
    PlatformStub platform;
    OracleStandIn oracle = new OracleStandIn();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    InMemoryUsageAggregates usage = new InMemoryUsageAggregates(key -> key.equals("AK1") ? ShippingFixtures.AGREEMENT : null);
    NodeKey key;

    @BeforeEach
    void start() throws Exception {
        platform = new PlatformStub().route(OracleStandIn.PATH, oracle);
        key = ShippingFixtures.key(dataDir);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void usageOfAgreementsArrivesSignedWithTheNodeKeyAndLeavesTheSpoolOnceAcknowledged() {
        MetricShipper shipper = shipper(Clock.fixed(NOW, ZoneOffset.UTC), settings());
        for (int i = 0; i < 3; i++) usage.record(ShippingFixtures.get("AK1", MINUTE.plusSeconds(10 + i)));
        usage.record(ShippingFixtures.get("LOCAL", MINUTE.plusSeconds(20)));

        assertThat(shipper.collect(NOW)).isEqualTo(1);
        shipper.deliver(NOW);

        assertThat(platform.requests).extracting(PlatformStub.Request::path).containsExactly(OracleStandIn.PATH);
        MetricBatch batch = oracle.accepted.getFirst();
        assertThat(batch.nodeId()).isEqualTo(ShippingFixtures.NODE);
        assertThat(batch.nodeAddress()).isEqualTo(key.address());
        assertThat(OracleStandIn.signer(BatchText.of(batch), batch.signature())).isEqualTo(key.address());
        assertThat(batch.samples()).singleElement().satisfies(sample -> {
            assertThat(sample.agreementId()).isEqualTo(ShippingFixtures.AGREEMENT);
            assertThat(sample.minute()).isEqualTo(MINUTE);
            assertThat(sample.requests()).as("the local grant's usage is not shipped").isEqualTo(3);
            assertThat(sample.latencySumMs()).isEqualTo(45);
            assertThat(sample.storedBytes()).isEqualTo(4_096);
        });
        assertThat(shipper.spool().pending()).isEmpty();
        assertThat(meters.get("flashback.bridge.metrics.batches.sent").tag("outcome", "accepted").counter().count()).isEqualTo(1);
    }

    @Test
    void anOutageKeepsUsageSpooledAndItArrivesAfterwardsInOrderLoggedOnce() {
        ListAppender<ILoggingEvent> logs = capture();
        oracle.down = true;
        MetricShipper shipper = shipper(Clock.systemUTC(), new MetricShipper.Settings(Duration.ofMillis(20), Duration.ZERO, 500,
                Duration.ofMillis(80), Duration.ofMinutes(15))).start();
        try {
            Instant past = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
            for (int i = 0; i < 5; i++) usage.record(ShippingFixtures.get("AK1", past.plusSeconds(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> shipper.spool().size() == 1);
            for (int i = 0; i < 7; i++) usage.record(ShippingFixtures.get("AK1", past.plusSeconds(61)));
            await().atMost(Duration.ofSeconds(10)).until(() -> shipper.spool().size() == 2 && platform.requests.size() >= 4);
            assertThat(oracle.accepted).isEmpty();

            oracle.down = false;

            await().atMost(Duration.ofSeconds(10)).until(() -> shipper.spool().size() == 0);
            assertThat(oracle.accepted).extracting(MetricBatch::sequence).containsExactly(1L, 2L);
            assertThat(oracle.acceptedRequests()).isEqualTo(12);
            assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("not delivered")))
                    .as("one warning per outage, however many attempts").hasSize(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("delivered again")));
        } finally {
            shipper.close();
        }
    }

    @Test
    void aRestartResendsWhatWasNotAcknowledgedAndTheOracleNeverTakesABatchTwice() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MetricShipper before = shipper(clock, settings());
        usage.record(ShippingFixtures.get("AK1", MINUTE.plusSeconds(5)));
        before.collect(NOW);
        oracle.loseNextAnswer = true;                       // stored by the oracle, answer lost on the way back
        before.deliver(NOW);
        usage.record(ShippingFixtures.get("AK1", NOW));     // the minute still in progress when the node stops
        usage.record(ShippingFixtures.get("AK1", NOW));
        before.close();
        assertThat(before.spool().pending()).hasSize(2);

        MetricShipper after = shipper(clock, settings());
        after.deliver(NOW.plusSeconds(30));

        assertThat(after.spool().pending()).isEmpty();
        assertThat(oracle.accepted).extracting(MetricBatch::sequence).containsExactly(1L, 2L);
        assertThat(oracle.acceptedRequests()).isEqualTo(3);
        assertThat(meters.get("flashback.bridge.metrics.batches.sent").tag("outcome", "duplicate").counter().count()).isEqualTo(1);
        assertThat(after.spool().nextSequence()).isEqualTo(3);
    }

    @Test
    void aBatchRefusedForGoodIsSetAsideAndTheOthersStillArrive() throws Exception {
        MetricShipper shipper = shipper(Clock.fixed(NOW, ZoneOffset.UTC), settings());
        usage.record(ShippingFixtures.get("AK1", MINUTE));
        shipper.collect(NOW);
        usage.record(ShippingFixtures.get("AK1", MINUTE.plusSeconds(60)));
        shipper.collect(NOW);
        oracle.scripted.put(1L, new PlatformStub.Answer(400, "{\"title\":\"Invalid batch\",\"detail\":\"samples[0].minute is in the future\"}"));

        shipper.deliver(NOW);

        assertThat(oracle.accepted).extracting(MetricBatch::sequence).containsExactly(2L);
        assertThat(shipper.spool().pending()).isEmpty();
        assertThat(Files.exists(shipper.spool().directory().resolve("rejected").resolve(MetricSpool.name(1)))).isTrue();
    }

    @Test
    void aBatchForAnAgreementTheOracleDoesNotKnowYetIsTriedAgainUntilItsGraceRunsOut() {
        MetricShipper shipper = shipper(Clock.fixed(NOW, ZoneOffset.UTC), settings());
        usage.record(ShippingFixtures.get("AK1", MINUTE));
        shipper.collect(NOW);
        PlatformStub.Answer unknown = new PlatformStub.Answer(422, "{\"title\":\"Agreement not served by the node\",\"agreements\":[\""
                + ShippingFixtures.AGREEMENT + "\"]}");

        oracle.scripted.put(1L, unknown);
        shipper.deliver(NOW);
        assertThat(shipper.spool().pending()).hasSize(1);
        assertThat(meters.get("flashback.bridge.metrics.delivery.failing").gauge().value()).isEqualTo(1);

        oracle.scripted.put(1L, unknown);
        shipper.deliver(NOW.plus(Duration.ofMinutes(16)));
        assertThat(shipper.spool().pending()).isEmpty();
        assertThat(oracle.accepted).isEmpty();
    }

    @Test
    void aSequenceNumberTheOracleKnowsFromAnotherBatchIsReplacedByANewOne() {
        MetricShipper shipper = shipper(Clock.fixed(NOW, ZoneOffset.UTC), settings());
        usage.record(ShippingFixtures.get("AK1", MINUTE));
        shipper.collect(NOW);
        oracle.scripted.put(1L, new PlatformStub.Answer(409, "{\"title\":\"Sequence number reused\",\"duplicate\":false,\"lastSequence\":41}"));

        shipper.deliver(NOW);
        shipper.deliver(NOW);

        assertThat(oracle.accepted).extracting(MetricBatch::sequence).containsExactly(42L);
        assertThat(oracle.acceptedRequests()).isEqualTo(1);
        assertThat(shipper.spool().nextSequence()).isEqualTo(43);
    }

    private MetricShipper shipper(Clock clock, MetricShipper.Settings settings) {
        MetricSpool spool = MetricSpool.open(dataDir.resolve("metrics-spool"), new MetricSpool.Limits(100, 1 << 20), meters);
        return new MetricShipper(new PlatformClient(platform.url()), key, () -> Optional.of(ShippingFixtures.NODE), usage, agreement -> 4_096,
                spool, meters, clock, settings);
    }

    private static MetricShipper.Settings settings() {
        return new MetricShipper.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), 500, Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(MetricShipper.class)).addAppender(appender);
        return appender;
    }
}
