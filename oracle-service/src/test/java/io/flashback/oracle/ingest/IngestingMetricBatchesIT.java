package io.flashback.oracle.ingest;

import org.apache.kafka.clients.producer.ProducerRecord;
import io.flashback.chain.AgreementId;
import io.flashback.events.EventCodec;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.monitor.AuditRecorded;
import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.events.Topics;
import io.flashback.events.oracle.MetricBatchAccepted;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.infra.testing.TestInfrastructure;
import io.flashback.oracle.OracleIntegrationTest;
import io.flashback.oracle.evaluation.NodeSample;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue #7: the ingest on real PostgreSQL and Kafka, in the shared oracle context. Nodes and agreements become known
 * the way they do in production — registry and orchestrator events on Kafka, read by the oracle's consumers — and
 * batches arrive at {@code POST /ingest/batches} through the service's security filters, without an access token.
 */
class IngestingMetricBatchesIT extends OracleIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EventCodec codec = new EventCodec();

    @Autowired
    WebApplicationContext context;
    @Autowired
    MeterRegistry meters;

    MockMvc mvc;
    Instant now;

    @BeforeEach
    void client() {
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
        now = CLOCK.instant();
    }

    /** A claimed, active node and one agreement it serves, known to the oracle through Kafka. */
    record Node(UUID id, ECKeyPair key, UUID agreement, BigInteger escrowId) {
        String address() {
            return IngestFixtures.address(key);
        }
    }

    @Test
    void anAcceptedBatchIsStoredWhereTheEvaluationReadsItAndPublished() throws Exception {
        Node node = activeNode();
        Instant first = minute(3);
        MetricBatch batch = IngestFixtures.signed(node.id(), node.key(), 1, now, List.of(
                IngestFixtures.sample(node.agreement().toString(), first),
                IngestFixtures.sample(node.escrowId().toString(), first.plusSeconds(60))));
        double acceptedBefore = accepted();

        MvcResult result = send(batch);

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(result).path("samples").asInt()).isEqualTo(2);
        List<NodeSample> stored = inputs.of(new AgreementId(node.escrowId()), first, first.plusSeconds(120)).samples();
        assertThat(stored).containsExactly(
                new NodeSample(first, 120, 1, 3, 2_400, 104.8576, 419.4304),
                new NodeSample(first.plusSeconds(60), 120, 1, 3, 2_400, 104.8576, 419.4304));
        Map<String, Object> row = jdbc.queryForMap("""
                select latency_histogram::text as histogram, requests_by_operation::text as operations, bytes_in, stored_bytes, batch_sequence
                from node_sample where agreement_id = ? and minute = ?""", new BigDecimal(node.escrowId()), java.sql.Timestamp.from(first));
        assertThat(row).containsEntry("histogram", "{10,30,40,25,10,4,1,0,0,0,0,0}").containsEntry("bytes_in", 20_971_520L)
                .containsEntry("stored_bytes", 1_073_741_824L).containsEntry("batch_sequence", 1L);
        assertThat(JSON.readTree((String) row.get("operations"))).isEqualTo(JSON.readTree("{\"GetObject\":100,\"PutObject\":20}"));

        MetricBatchAccepted published = awaitPublished(node.id());
        assertThat(published.sequence()).isEqualTo(1);
        assertThat(published.samples()).extracting(MetricBatchAccepted.Sample::escrowAgreementId)
                .containsOnly(node.escrowId().toString());
        assertThat(Eip191.signer(BatchText.of(batchOf(published)), published.signature()))
                .as("another validator can check the node signed what the event carries").contains(node.address());
        assertThat(accepted()).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void aReplayedBatchIsAnsweredAsADuplicateAndChangesNothing() throws Exception {
        Node node = activeNode();
        MetricBatch batch = IngestFixtures.signed(node.id(), node.key(), 7, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute(2))));
        assertThat(send(batch).getResponse().getStatus()).isEqualTo(200);

        MvcResult replay = send(batch);

        assertThat(replay.getResponse().getStatus()).isEqualTo(409);
        assertThat(replay.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(body(replay).path("duplicate").asBoolean()).isTrue();
        assertThat(body(replay).path("reason").asString()).isEqualTo("replayed");
        assertThat(jdbc.queryForObject("select requests from node_sample where agreement_id = ?", Long.class, new BigDecimal(node.escrowId())))
                .isEqualTo(120);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Integer.class, node.id().toString()))
                .isEqualTo(1);
    }

    @Test
    void anotherBatchUnderAUsedSequenceNumberIsRefusedWithTheLastNumber() throws Exception {
        Node node = activeNode();
        send(IngestFixtures.signed(node.id(), node.key(), 3, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute(3)))));

        MvcResult reused = send(IngestFixtures.signed(node.id(), node.key(), 3, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute(2)))));

        assertThat(reused.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(reused).path("duplicate").asBoolean()).isFalse();
        assertThat(body(reused).path("lastSequence").asLong()).isEqualTo(3);
        assertThat(storedMinutes(node)).isEqualTo(1);
    }

    @Test
    void forgedBatchesAreRefusedAndNothingIsStored() throws Exception {
        Node node = activeNode();
        List<UsageSample> samples = List.of(IngestFixtures.sample(node.agreement().toString(), minute(2)));
        MetricBatch genuine = IngestFixtures.signed(node.id(), node.key(), 1, now, samples);
        MetricBatch byAnotherKey = IngestFixtures.withSignature(genuine,
                IngestFixtures.signed(node.id(), IngestFixtures.newKey(), 1, now, samples).signature());
        ObjectNode tampered = (ObjectNode) JSON.readTree(IngestFixtures.json(genuine));
        ((ObjectNode) tampered.path("samples").get(0)).put("serverErrors", 0);

        MvcResult otherKey = send(byAnotherKey);
        MvcResult tamperedBody = send(JSON.writeValueAsBytes(tampered));

        assertThat(otherKey.getResponse().getStatus()).isEqualTo(401);
        assertThat(body(otherKey).path("reason").asString()).isEqualTo("forged");
        assertThat(tamperedBody.getResponse().getStatus()).isEqualTo(401);
        assertNothingStored(node);
    }

    @Test
    void batchesOfNodesThatAreNotBoundToTheSigningKeyOrNotActiveAreRefused() throws Exception {
        ECKeyPair key = IngestFixtures.newKey();
        UUID unknown = UUID.randomUUID();
        UUID claimedByAnotherKey = UUID.randomUUID();
        publish(Topics.REGISTRY, new NodeClaimed(UUID.randomUUID(), now.minus(Duration.ofHours(2)), claimedByAnotherKey,
                IngestFixtures.address(IngestFixtures.newKey()), "0x70997970c51812dc3a010c7d01b50e20d4dc79c8"));
        publish(Topics.REGISTRY, new NodeActivated(UUID.randomUUID(), now.minus(Duration.ofHours(2)), claimedByAnotherKey,
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", new BigDecimal("1000")));
        UUID notActive = UUID.randomUUID();
        publish(Topics.REGISTRY, new NodeClaimed(UUID.randomUUID(), now.minus(Duration.ofHours(2)), notActive, IngestFixtures.address(key),
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8"));
        await().atMost(Duration.ofSeconds(20)).until(() -> known(claimedByAnotherKey) && known(notActive));
        List<UsageSample> samples = List.of(IngestFixtures.sample(UUID.randomUUID().toString(), minute(2)));

        assertThat(send(IngestFixtures.signed(unknown, key, 1, now, samples)).getResponse().getStatus()).isEqualTo(403);
        assertThat(send(IngestFixtures.signed(claimedByAnotherKey, key, 1, now, samples)).getResponse().getStatus()).isEqualTo(403);
        MvcResult inactive = send(IngestFixtures.signed(notActive, key, 1, now, samples));
        assertThat(inactive.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(inactive).path("reason").asString()).isEqualTo("inactive-node");
        assertThat(jdbc.queryForObject("select count(*) from metric_batch where node_id in (?, ?, ?)", Integer.class, unknown,
                claimedByAnotherKey, notActive)).isZero();
    }

    @Test
    void aDeactivatedNodeIsRefusedAndARedeliveredActivationDoesNotBringItBack() throws Exception {
        Node node = activeNode();
        NodeActivated activation = new NodeActivated(UUID.randomUUID(), now.minus(Duration.ofMinutes(30)), node.id(),
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", new BigDecimal("1000"));
        publish(Topics.REGISTRY, activation);
        publish(Topics.REGISTRY, new NodeDeactivated(UUID.randomUUID(), now.minus(Duration.ofMinutes(20)), node.id(),
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", new BigDecimal("10")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !active(node.id()));

        publish(Topics.REGISTRY, activation);
        // a later event of the same node (same partition): once it is applied, the redelivery before it was read too
        NodeDeactivated marker = new NodeDeactivated(UUID.randomUUID(), now.minus(Duration.ofMinutes(10)), node.id(),
                "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", new BigDecimal("10"));
        publish(Topics.REGISTRY, marker);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from processed_event where event_id = ?",
                Integer.class, marker.eventId()) == 1);

        assertThat(active(node.id())).isFalse();
        MvcResult refused = send(IngestFixtures.signed(node.id(), node.key(), 1, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute(2)))));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertNothingStored(node);
    }

    @Test
    void aBatchWithAgreementsTheNodeDoesNotServeIsRefusedWholeAndItsNumberStaysFree() throws Exception {
        Node node = activeNode();
        Node other = activeNode();
        UUID ended = UUID.randomUUID();
        BigInteger endedEscrow = escrowId();
        publish(Topics.ORCHESTRATOR, activated(ended, endedEscrow, node.id(), now.minus(Duration.ofHours(3))));
        publish(Topics.ORCHESTRATOR, new AgreementEnded(UUID.randomUUID(), now.minus(Duration.ofHours(1)), ended, UUID.randomUUID(),
                endedEscrow.toString(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), node.id().toString(), 1L << 30,
                "TERMINATED_BY_CONSUMER", "ACTIVE", true, "cancelled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from served_agreement where agreement_id = ? and ended_at is not null", Integer.class, ended) == 1);
        String unknown = UUID.randomUUID().toString();
        Instant minute = minute(2);

        MvcResult refused = send(IngestFixtures.signed(node.id(), node.key(), 1, now, List.of(
                IngestFixtures.sample(node.agreement().toString(), minute),
                IngestFixtures.sample(other.agreement().toString(), minute),
                IngestFixtures.sample(ended.toString(), minute),
                IngestFixtures.sample(unknown, minute))));

        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(refused).path("agreements").valueStream().map(JsonNode::asString).toList())
                .containsExactly(other.agreement().toString(), ended.toString(), unknown);
        assertNothingStored(node);
        assertThat(send(IngestFixtures.signed(node.id(), node.key(), 1, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute))))
                .getResponse().getStatus()).as("the refused batch's sequence number was not used up").isEqualTo(200);
    }

    @Test
    void invalidMalformedAndOversizedBatchesAreRefusedBeforeAnythingElse() throws Exception {
        Node node = activeNode();
        MetricBatch fromTheFuture = IngestFixtures.signed(node.id(), node.key(), 1, now,
                List.of(IngestFixtures.sample(node.agreement().toString(), now.plus(Duration.ofHours(1)))));
        ObjectNode unknownField = (ObjectNode) JSON.readTree(IngestFixtures.json(
                IngestFixtures.signed(node.id(), node.key(), 1, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute(2))))));
        unknownField.put("bonus", "unsigned");

        MvcResult invalid = send(fromTheFuture);
        MvcResult malformed = send("{\"nodeId\":".getBytes());
        MvcResult unsigned = send(JSON.writeValueAsBytes(unknownField));
        MvcResult tooLarge = send(new byte[800 * 1024]);

        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(invalid).path("errors").get(0).asString()).contains("minute");
        assertThat(body(malformed).path("reason").asString()).isEqualTo("malformed");
        assertThat(unsigned.getResponse().getStatus()).isEqualTo(400);
        assertThat(tooLarge.getResponse().getStatus()).isEqualTo(413);
        assertNothingStored(node);
    }

    @Test
    void theMonitorsProbesAndAuditsBecomeInputsOfTheAgreementsTheNodeServes() {
        Node node = activeNode();
        UUID idle = UUID.randomUUID();
        Instant probedAt = now.minus(Duration.ofMinutes(5));
        ProbeRecorded up = new ProbeRecorded(UUID.randomUUID(), probedAt, node.id(), "0x70997970c51812dc3a010c7d01b50e20d4dc79c8", "eu-west",
                "CANARY", true, "AVAILABLE", 200, new BigDecimal("41.5"), new BigDecimal("80"), new BigDecimal("95.5"), new BigDecimal("180"), "");
        ProbeRecorded down = new ProbeRecorded(UUID.randomUUID(), probedAt.plusSeconds(60), node.id(), null, "eu-west", "ANONYMOUS", false,
                "TIMEOUT", 0, null, new BigDecimal("5000"), null, null, "no answer in 5 s");
        AuditRecorded failed = new AuditRecorded(UUID.randomUUID(), probedAt.plusSeconds(30), node.id(), null, "eu-west", "fb-canary", "canary",
                0, 1023, false, "WRONG_BYTES", "0xaa", "0xbb", new BigDecimal("12"), "");
        ProbeRecorded ofAnIdleNode = new ProbeRecorded(UUID.randomUUID(), probedAt, idle, null, "eu-west", "ANONYMOUS", true, "AVAILABLE",
                403, BigDecimal.TEN, BigDecimal.TEN, null, null, "");

        for (IntegrationEvent event : List.of(up, down, failed, ofAnIdleNode, up)) {
            publish(Topics.PROBES, event);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from probe where agreement_id = ?",
                Integer.class, new BigDecimal(node.escrowId())) == 2 && jdbc.queryForObject("select count(*) from audit where agreement_id = ?",
                Integer.class, new BigDecimal(node.escrowId())) == 1);
        assertThat(jdbc.queryForList("select succeeded, ttfb_ms, upload_mbps from probe where agreement_id = ? order by at",
                new BigDecimal(node.escrowId()))).extracting(row -> List.of(row.get("succeeded"), row.get("ttfb_ms"), row.get("upload_mbps")))
                .containsExactly(List.of(true, 41, 95.5), List.of(false, 0, 0.0));
        assertThat(jdbc.queryForObject("select passed from audit where agreement_id = ?", Boolean.class, new BigDecimal(node.escrowId()))).isFalse();
    }

    @Test
    void aBatchAnotherValidatorAcceptedIsStoredHereTooOnTheNodesSignatureAndAForgedOneIsNot() {
        Node node = activeNode();
        MetricBatch genuine = IngestFixtures.signed(node.id(), node.key(), 11, now, List.of(
                IngestFixtures.sample(node.agreement().toString(), minute(4)), IngestFixtures.sample(node.agreement().toString(), minute(3))));
        MetricBatch later = IngestFixtures.signed(node.id(), node.key(), 12, now, List.of(IngestFixtures.sample(node.agreement().toString(), minute(2))));
        MetricBatchAccepted forged = acceptedElsewhere(node, IngestFixtures.signed(node.id(), node.key(), 10, now,
                List.of(IngestFixtures.sample(node.agreement().toString(), minute(6)))), 999_999);

        publish(Topics.METRICS, forged);
        publish(Topics.METRICS, acceptedElsewhere(node, genuine, -1));
        publish(Topics.METRICS, acceptedElsewhere(node, genuine, -1));
        publish(Topics.METRICS, acceptedElsewhere(node, later, -1));

        await().atMost(Duration.ofSeconds(20)).until(() -> storedMinutes(node) == 3);
        assertThat(jdbc.queryForList("select sequence from metric_batch where node_id = ? order by sequence", Long.class, node.id()))
                .containsExactly(11L, 12L);
    }

    /** The event the accepting validator would have published; {@code tamperedRequests} ≥ 0 changes the first sample after signing. */
    private static MetricBatchAccepted acceptedElsewhere(Node node, MetricBatch batch, long tamperedRequests) {
        List<MetricBatchAccepted.Sample> samples = new java.util.ArrayList<>();
        for (UsageSample s : batch.samples()) {
            samples.add(new MetricBatchAccepted.Sample(s.agreementId(), node.escrowId().toString(), s.minute(),
                    samples.isEmpty() && tamperedRequests >= 0 ? tamperedRequests : s.requests(), s.serverErrors(), s.clientErrors(),
                    s.requestsByOperation(), s.bytesIn(), s.bytesOut(), s.latencySumMs(), s.latencyMaxMs(), s.latencyHistogram(), s.uploadBytes(),
                    s.uploadMillis(), s.downloadBytes(), s.downloadMillis(), s.storedBytes()));
        }
        return new MetricBatchAccepted(UUID.randomUUID(), batch.createdAt(), batch.nodeId(), batch.nodeAddress(), batch.sequence(),
                batch.createdAt(), samples, batch.signature());
    }

    private Node activeNode() {
        Node node = new Node(UUID.randomUUID(), IngestFixtures.newKey(), UUID.randomUUID(), escrowId());
        String provider = "0x70997970c51812dc3a010c7d01b50e20d4dc79c8";
        publish(Topics.REGISTRY, new NodeClaimed(UUID.randomUUID(), now.minus(Duration.ofHours(2)), node.id(), node.address(), provider));
        publish(Topics.REGISTRY, new NodeActivated(UUID.randomUUID(), now.minus(Duration.ofMinutes(90)), node.id(), provider,
                new BigDecimal("1000000000000000000000")));
        publish(Topics.ORCHESTRATOR, activated(node.agreement(), node.escrowId(), node.id(), now.minus(Duration.ofHours(1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> active(node.id())
                && jdbc.queryForObject("select count(*) from served_agreement where agreement_id = ?", Integer.class, node.agreement()) == 1);
        return node;
    }

    private static AgreementActivated activated(UUID agreement, BigInteger escrowId, UUID node, Instant at) {
        return new AgreementActivated(UUID.randomUUID(), at, agreement, BOOK.escrow().value(), escrowId.toString(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), node.toString(), 1L << 30, 30, 1_000_000, 1, new BigDecimal("99.9"), 50, 10, 20, 100,
                new BigDecimal("99"), 3600, "99.9:10,99.0:25,95.0:100", "95.0", UUID.randomUUID(), "provider accepted");
    }

    /** Escrow numbers far above the chain's, so this class's samples never meet the epoch tests' agreements. */
    private static BigInteger escrowId() {
        return BigInteger.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, Long.MAX_VALUE));
    }

    private Instant minute(int minutesAgo) {
        return now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutesAgo));
    }

    private void publish(String topic, IntegrationEvent event) {
        try {
            TestInfrastructure.get().producerFor(topic).send(new ProducerRecord<>(topic, event.aggregateId(), codec.encode(codec.envelope(event, "/flashback/test")))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean known(UUID node) {
        return jdbc.queryForObject("select count(*) from bound_node where node_id = ?", Integer.class, node) == 1;
    }

    private boolean active(UUID node) {
        return Boolean.TRUE.equals(jdbc.query("select active from bound_node where node_id = ?", rs -> rs.next() ? rs.getBoolean(1) : null, node));
    }

    private int storedMinutes(Node node) {
        return jdbc.queryForObject("select count(*) from node_sample where agreement_id = ?", Integer.class, new BigDecimal(node.escrowId()));
    }

    private void assertNothingStored(Node node) {
        assertThat(storedMinutes(node)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from metric_batch where node_id = ?", Integer.class, node.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where message_key = ?", Integer.class, node.id().toString())).isZero();
    }

    private double accepted() {
        var counter = meters.find("flashback.oracle.ingest.batches").tags("outcome", "accepted").counter();
        return counter == null ? 0 : counter.count();
    }

    private MvcResult send(MetricBatch batch) throws Exception {
        return send(IngestFixtures.json(batch));
    }

    private MvcResult send(byte[] body) throws Exception {
        return mvc.perform(post("/ingest/batches").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private static JsonNode body(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    private static MetricBatch batchOf(MetricBatchAccepted event) {
        return new MetricBatch(event.nodeId(), event.nodeAddress(), event.sequence(), event.createdAt(), event.samples().stream()
                .map(s -> new UsageSample(s.agreementId(), s.minute().getEpochSecond(), s.requests(), s.serverErrors(), s.clientErrors(),
                        s.requestsByOperation(), s.bytesIn(), s.bytesOut(), s.latencySumMs(), s.latencyMaxMs(), s.latencyHistogram(),
                        s.uploadBytes(), s.uploadMillis(), s.downloadBytes(), s.downloadMillis(), s.storedBytes())).toList(), event.signature());
    }

    private MetricBatchAccepted awaitPublished(UUID nodeId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(TestInfrastructure.get().kafkaClientAsAdmin(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "metrics-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.METRICS));
            MetricBatchAccepted[] found = new MetricBatchAccepted[1];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(message -> {
                    if (nodeId.toString().equals(message.key()) && codec.decode(message.value()).event() instanceof MetricBatchAccepted accepted) {
                        found[0] = accepted;
                    }
                });
                return found[0] != null;
            });
            return found[0];
        }
    }
}
