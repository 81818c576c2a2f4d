package io.flashback.launcher;

import static io.flashback.launcher.PlatformFixtures.agreementState;
import static io.flashback.launcher.PlatformFixtures.get;
import static io.flashback.launcher.PlatformFixtures.post;
import static io.flashback.launcher.PlatformFixtures.printed;
import static io.flashback.launcher.PlatformFixtures.providersNode;

import io.flashback.chain.Address;
import io.flashback.chain.Agreement;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.AgreementTerms;
import io.flashback.chain.BlockCursor;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ChainEvent;
import io.flashback.chain.CreditTier;
import io.flashback.chain.EventPage;
import io.flashback.chain.NodeClaim;
import io.flashback.chain.NodeId;
import io.flashback.chain.Signature;
import io.flashback.chain.SignedNodeClaim;
import io.flashback.chain.TxOutcome;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.Web3jChainEvents;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jSlaEscrow;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.Ports;
import io.flashback.infra.kafka.KafkaCredentials;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SLAs measured and enforced end to end (issue #7, Tests): the platform as {@code ./flashback up} runs it — real
 * PostgreSQL, Kafka and anvil, every service its own process — with 30-second OracleHub epochs and one validator
 * (k = 1), and four providers each running a real bridge-node process with one consumer's agreement on it, funded in
 * the escrow on anvil and used with the AWS SDK:
 * <ol>
 *   <li>a node serving well: the epoch is settled MET and the provider withdraws its payment;</li>
 *   <li>a node failing half its requests ({@code --fault-error-rate 0.5}, reported honestly): BREACHED, the whole epoch
 *       credited to the consumer and collateral slashed to it (the terms slash below 95 %), both withdrawn;</li>
 *   <li>a node failing half its requests but metering them as successes ({@code --fault-hide-from-reports}): its
 *       reports claim no error, the verdict is the probes' availability and says the reports were contradicted;</li>
 *   <li>a node that lost the bytes it stores ({@code --fault-corrupt-reads}): every possession audit fails, the epoch is
 *       BREACHED on audits alone and the consumer gets the mildest credit, without a slash.</li>
 * </ol>
 * All four agreements are judged in the same epoch (one that holds a minute boundary, so the nodes' per-minute usage
 * counts in it). The oracle waits 80 s after an epoch before judging it, long enough for a node to close, sign and
 * ship the minute that started in it. Nothing is configured for the audits: each node's grant sync fetches the
 * monitor's canary key once the node is active, and the monitor audits it from then on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaEnforcementEndToEndIT {

    private static final long EPOCH_SECONDS = 30;
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("FLASHBACK_EPOCH_SECONDS", String.valueOf(EPOCH_SECONDS)),
            Map.entry("FLASHBACK_VALIDATORS", "1"),
            Map.entry("FLASHBACK_ORACLE_JUDGMENTDELAY", "80s"),
            Map.entry("FLASHBACK_ORACLE_POLLINTERVAL", "2s"),
            Map.entry("FLASHBACK_MONITOR_PROBEINTERVAL", "2s"),
            Map.entry("FLASHBACK_MONITOR_AUDIT_INTERVAL", "5s"),
            Map.entry("FLASHBACK_MONITOR_AUDIT_CANARYBYTES", "65536"),
            Map.entry("FLASHBACK_MONITOR_AUDIT_THROUGHPUTBYTES", "1048576"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Twice the registry's minimum (10^21): the agreement locks one minimum, and the rest keeps a slashed node above the
     * minimum — at the minimum, the first slash deactivates the node and the oracle refuses its usage from then on.
     */
    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(21).multiply(BigInteger.TWO);
    private static final int SLASH_LEVEL_PPM = 950_000;
    private static final String CONTRADICTED = "NODE_REPORTS_CONTRADICTED_BY_PROBES";
    /** The four parties onboard side by side. */
    private static final java.util.concurrent.ExecutorService SIDE_BY_SIDE = Executors.newVirtualThreadPerTaskExecutor();

    /** Kept when a test fails: the services' and nodes' logs are what explains a verdict. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path state;

    /** The nodes run from a copy: other builds may rewrite bridge-node/target/bridge-node.jar while they run. */
    private static Path bridgeNodeJar;

    private static PlatformLayout layout;
    private static Flashback flashback;
    private static AddressBook book;
    private static Web3j web3j;
    private static Events events;
    /** From when the platform watches the nodes (probes and audits before it do not count here). */
    private static Instant watchedFrom;
    private static long judgedEpoch;

    // anvil development accounts 1–5 and 7–9 (the deployer, operator and validators have keys of their own in the state directory)
    private static final Party SERVING = new Party("serving", ChainKeys.anvil(1), ChainKeys.anvil(2), List.of());
    private static final Party FAILING = new Party("failing", ChainKeys.anvil(3), ChainKeys.anvil(4),
            List.of("--fault-error-rate", "0.5"));
    private static final Party LYING = new Party("lying", ChainKeys.anvil(5), ChainKeys.anvil(7),
            List.of("--fault-error-rate", "0.5", "--fault-hide-from-reports"));
    private static final Party CORRUPTING = new Party("corrupting", ChainKeys.anvil(8), ChainKeys.anvil(9),
            List.of("--fault-corrupt-reads"));
    private static final List<Party> PARTIES = List.of(SERVING, FAILING, LYING, CORRUPTING);

    @BeforeAll
    static void up() throws Exception {
        long begin = System.nanoTime();
        layout = PlatformFixtures.onFreePorts(state, SETTINGS);
        bridgeNodeJar = Files.copy(layout.root().resolve("bridge-node").resolve("target").resolve("bridge-node.jar"),
                state.resolve("bridge-node.jar"));
        flashback = new Flashback(layout);
        assertThat(flashback.up()).isZero();
        book = AddressBook.read(layout.addressBook());
        assertThat(book.epochLengthSeconds()).isEqualTo(EPOCH_SECONDS);
        assertThat(book.threshold()).isEqualTo(1);
        web3j = Web3j.build(new HttpService("http://127.0.0.1:" + layout.ports().anvil()));
        events = Events.reading(layout.kafkaCredentials(), "127.0.0.1:" + layout.ports().kafka());

        watchedFrom = Instant.now();
        inParallel(Party::startNode);
        inParallel(Party::onboard);
        System.out.printf("platform up, four nodes onboarded, agreements active and used: %.0f s%n", (System.nanoTime() - begin) / 1e9);
    }

    @AfterAll
    static void down() {
        PARTIES.forEach(Party::close);
        if (events != null) events.close();
        if (web3j != null) web3j.shutdown();
        if (flashback != null) flashback.down();
    }

    @Test
    @Order(1)
    void everyAgreementIsJudgedAndSettledOnChainForTheSameEpoch() {
        // the platform watches every node before the epoch judged here starts: probes, and audits with the canary keys the nodes
        // fetched, passing on the serving node and failing on the corrupting one
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (Party party : PARTIES) {
                assertThat(events.probes(party.nodeId, watchedFrom, Instant.MAX)).as("probes of " + party.name).isNotEmpty();
            }
            assertThat(events.audits(SERVING.nodeId, watchedFrom, Instant.MAX)).anyMatch(audit -> audit.path("passed").asBoolean());
            assertThat(events.audits(CORRUPTING.nodeId, watchedFrom, Instant.MAX))
                    .anyMatch(audit -> "WRONG_BYTES".equals(audit.path("outcome").asString()));
        });
        long first = Math.max(epochAt(Instant.now()) + 1, PARTIES.stream().mapToLong(party -> party.startEpoch).max().orElseThrow());
        judgedEpoch = first;
        while (!holdsAMinuteBoundary(judgedEpoch)) judgedEpoch++;
        System.out.printf("judged epoch %d: %s – %s%n", judgedEpoch, epochStart(judgedEpoch), epochEnd(judgedEpoch));

        // judged 80 s after it ends, then reported and settled on chain
        Duration patience = Duration.between(Instant.now(), epochEnd(judgedEpoch)).plusSeconds(80 + 60);
        await().atMost(patience).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Party party : PARTIES) assertThat(party.verdict()).as("verdict on " + party.name).isNotNull();
        });
        PARTIES.forEach(party -> party.traffic.stop());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<ChainEvent> chain = chainEvents();
            for (Party party : PARTIES) assertThat(party.settled(chain)).as("settlement of " + party.name).isNotNull();
        });
        for (Party party : PARTIES) {
            ChainEvent.EpochSettled settled = party.settled(chainEvents());
            assertThat(settled.availabilityPpm()).as(party.name + ": the signed result is what the escrow settled")
                    .isEqualTo(party.verdict().path("signedAvailabilityPpm").asInt());
            assertThat(settled.providerAmount().add(settled.consumerCredit()).add(settled.platformFee())).isEqualTo(party.pricePerEpoch);
        }
    }

    @Test
    @Order(2)
    void anAgreementServedWellIsSettledMetAndTheProviderWithdrawsItsPayment() throws Exception {
        JsonNode verdict = SERVING.verdict();
        assertThat(verdict.path("outcome").asString()).isEqualTo("MET");
        assertThat(verdict.path("measuredAvailabilityPpm").asInt()).isEqualTo(1_000_000);
        assertThat(verdict.path("auditPassRatePct").decimalValue()).isEqualByComparingTo("100");
        assertThat(verdict.path("breaches").asString()).isEmpty();
        assertThat(verdict.path("flags").asString()).as("audited, the node's reports agree with the probes and came on time")
                .isEqualTo("REPORTS_ON_TIME");
        assertThat(SERVING.traffic.failures()).as("every request the consumer made was served: " + SERVING.traffic.failureReasons()).isZero();

        ChainEvent.EpochSettled settled = SERVING.settled(chainEvents());
        BigInteger fee = SERVING.pricePerEpoch.multiply(BigInteger.valueOf(SERVING.feeBps())).divide(BigInteger.valueOf(10_000));
        assertThat(settled.consumerCredit()).isZero();
        assertThat(settled.slashed()).isZero();
        assertThat(settled.platformFee()).isEqualTo(fee);
        assertThat(settled.providerAmount()).isEqualTo(SERVING.pricePerEpoch.subtract(fee));

        Withdrawal paid = SERVING.withdraw(SERVING.provider, book.paymentToken());
        assertThat(paid.amount()).isEqualTo(SERVING.earnedBefore(paid.block(), ChainEvent.EpochSettled::providerAmount))
                .isGreaterThanOrEqualTo(settled.providerAmount());
        assertThat(paid.walletGained()).as("fUSD moved to the provider's wallet on anvil").isEqualTo(paid.amount());
    }

    @Test
    @Order(3)
    void aNodeFailingHalfItsRequestsIsSettledBreachedWithTheEpochCreditedAndCollateralSlashedToTheConsumer() throws Exception {
        JsonNode verdict = FAILING.verdict();
        assertThat(verdict.path("outcome").asString()).isEqualTo("BREACHED");
        assertThat(verdict.path("breaches").asString()).contains("AVAILABILITY");
        assertThat(verdict.path("measuredAvailabilityPpm").asInt()).isLessThan(SLASH_LEVEL_PPM);
        assertThat(verdict.path("creditPct").decimalValue()).isEqualByComparingTo("100");
        assertThat(verdict.path("slash").asBoolean()).isTrue();
        // honest: what the node signed for the judged epoch shows the server errors its consumer met
        assertThat(events.reportedServerErrors(FAILING.escrowId, epochStart(judgedEpoch), epochEnd(judgedEpoch))).isPositive();
        assertThat(FAILING.traffic.failuresBetween(epochStart(judgedEpoch), epochEnd(judgedEpoch))).isPositive();

        ChainEvent.EpochSettled settled = FAILING.settled(chainEvents());
        assertThat(FAILING.creditBps(settled.availabilityPpm())).isEqualTo(10_000);
        assertThat(settled.consumerCredit()).as("the whole epoch back").isEqualTo(FAILING.pricePerEpoch);
        assertThat(settled.providerAmount()).isZero();
        assertThat(settled.slashed()).isEqualTo(FAILING.slashAmount).isPositive();
        BigInteger bonded = new Web3jNodeRegistry(FAILING.providerTx, book.registry()).node(NodeId.of(FAILING.nodeId)).orElseThrow().bonded();
        assertThat(DEPOSIT.subtract(bonded)).as("slashed from the node's collateral").isPositive()
                .satisfies(slashed -> assertThat(slashed.mod(FAILING.slashAmount)).isZero());

        Withdrawal credit = FAILING.withdraw(FAILING.consumer, book.paymentToken());
        assertThat(credit.amount()).isEqualTo(FAILING.earnedBefore(credit.block(), ChainEvent.EpochSettled::consumerCredit))
                .isGreaterThanOrEqualTo(FAILING.pricePerEpoch);
        assertThat(credit.walletGained()).isEqualTo(credit.amount());
        Withdrawal slash = FAILING.withdraw(FAILING.consumer, book.stakingToken());
        assertThat(slash.amount()).isEqualTo(FAILING.earnedBefore(slash.block(), ChainEvent.EpochSettled::slashed))
                .isGreaterThanOrEqualTo(FAILING.slashAmount);
        assertThat(slash.walletGained()).as("FLASH moved to the consumer's wallet on anvil").isEqualTo(slash.amount());
    }

    @Test
    @Order(4)
    void aNodeHidingItsFailuresFromItsReportsIsJudgedByTheProbesAndFlagged() {
        Instant start = epochStart(judgedEpoch);
        Instant end = epochEnd(judgedEpoch);
        // the node failed its consumer yet signed usage without a single server error
        assertThat(LYING.traffic.failuresBetween(start, end)).isPositive();
        assertThat(events.reportedRequests(LYING.escrowId, start, end)).isPositive();
        assertThat(events.reportedServerErrors(LYING.escrowId, start, end)).isZero();

        List<JsonNode> probes = events.probes(LYING.nodeId, start, end);
        long failed = probes.stream().filter(probe -> !probe.path("available").asBoolean()).count();
        assertThat(probes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(failed).isPositive();
        long byProbes = Math.round(100.0 * (1.0 - (double) failed / probes.size()) * 10_000);

        JsonNode verdict = LYING.verdict();
        assertThat(verdict.path("flags").asString()).contains(CONTRADICTED);
        assertThat(verdict.path("outcome").asString()).isEqualTo("BREACHED");
        assertThat(verdict.path("breaches").asString()).contains("AVAILABILITY");
        assertThat((long) verdict.path("measuredAvailabilityPpm").asInt()).as("the probes' availability, not the node's")
                .isBetween(byProbes - 1, byProbes + 1);

        ChainEvent.EpochSettled settled = LYING.settled(chainEvents());
        assertThat(settled.consumerCredit()).isEqualTo(LYING.pricePerEpoch.multiply(BigInteger.valueOf(LYING.creditBps(settled.availabilityPpm())))
                .divide(BigInteger.valueOf(10_000))).isPositive();
        assertThat(settled.slashed()).isEqualTo(settled.availabilityPpm() < LYING.slashBelowPpm ? LYING.slashAmount : BigInteger.ZERO);
    }

    @Test
    @Order(5)
    void aNodeThatLostTheBytesItStoresFailsItsAuditsAndTheConsumerGetsTheMildestCredit() throws Exception {
        List<JsonNode> audits = events.audits(CORRUPTING.nodeId, epochStart(judgedEpoch), epochEnd(judgedEpoch));
        assertThat(audits).isNotEmpty().allSatisfy(audit -> assertThat(audit.path("outcome").asString()).isEqualTo("WRONG_BYTES"));
        assertThat(CORRUPTING.traffic.corruptedReads()).as("the consumer read other bytes than it stored").isPositive();

        JsonNode verdict = CORRUPTING.verdict();
        assertThat(verdict.path("outcome").asString()).isEqualTo("BREACHED");
        assertThat(verdict.path("breaches").asString()).isEqualTo("AUDITS");
        assertThat(verdict.path("creditPct").decimalValue()).as("the credit the escrow pays for it").isEqualByComparingTo("10");
        assertThat(verdict.path("auditPassRatePct").decimalValue()).isEqualByComparingTo("0");
        assertThat(verdict.path("measuredAvailabilityPpm").asInt()).as("it answered everything").isEqualTo(1_000_000);
        int mildest = CORRUPTING.tiers.stream().mapToInt(CreditTier::belowPpm).max().orElseThrow();
        assertThat(verdict.path("signedAvailabilityPpm").asInt()).as("a lost audit counts: folded just under the mildest tier")
                .isEqualTo(mildest - 1);

        ChainEvent.EpochSettled settled = CORRUPTING.settled(chainEvents());
        int mildestBps = CORRUPTING.creditBps(mildest - 1);
        assertThat(mildestBps).isEqualTo(1_000);
        assertThat(settled.consumerCredit()).isEqualTo(CORRUPTING.pricePerEpoch.multiply(BigInteger.valueOf(mildestBps)).divide(BigInteger.valueOf(10_000)));
        assertThat(settled.slashed()).as("a breach of service, not of availability: no slash").isZero();
        assertThat(settled.providerAmount()).isPositive();

        Withdrawal credit = CORRUPTING.withdraw(CORRUPTING.consumer, book.paymentToken());
        assertThat(credit.amount()).isEqualTo(CORRUPTING.earnedBefore(credit.block(), ChainEvent.EpochSettled::consumerCredit))
                .isGreaterThanOrEqualTo(settled.consumerCredit());
        assertThat(credit.walletGained()).isEqualTo(credit.amount());
    }

    // ------------------------------------------------------------------ the platform

    private static void inParallel(ThrowingConsumer<Party> step) {
        CompletableFuture.allOf(PARTIES.stream().map(party -> CompletableFuture.runAsync(() -> {
            try {
                step.accept(party);
            } catch (Exception e) {
                throw new IllegalStateException(party.name + ": " + e.getMessage(), e);
            }
        }, SIDE_BY_SIDE)).toArray(CompletableFuture[]::new)).join();
    }

    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private static long epochAt(Instant at) {
        return (at.getEpochSecond() - book.genesisTime()) / EPOCH_SECONDS;
    }

    private static Instant epochStart(long epoch) {
        return Instant.ofEpochSecond(book.genesisTime() + epoch * EPOCH_SECONDS);
    }

    private static Instant epochEnd(long epoch) {
        return epochStart(epoch + 1);
    }

    /** Nodes report usage per minute: an epoch counts a minute that starts in it. */
    private static boolean holdsAMinuteBoundary(long epoch) {
        long start = epochStart(epoch).getEpochSecond();
        long nextMinute = (start + 59) / 60 * 60;
        return nextMinute < epochEnd(epoch).getEpochSecond();
    }

    private static List<ChainEvent> chainEvents() {
        Web3jChainEvents reader = new Web3jChainEvents(web3j, book.eventSources(), 0, 12);
        List<ChainEvent> all = new ArrayList<>();
        BlockCursor cursor = BlockCursor.startingAt(book.deploymentBlock());
        long head = reader.headBlock();
        while (cursor.nextBlock() <= head) {
            EventPage page = reader.read(cursor, 2_000);
            all.addAll(page.events());
            cursor = page.next();
        }
        return all;
    }

    private static BigInteger erc20Balance(Address token, String account) throws Exception {
        Function balanceOf = new Function("balanceOf", List.of(new org.web3j.abi.datatypes.Address(account)),
                List.of(new TypeReference<Uint256>() {}));
        String answer = web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(account, token.value(),
                FunctionEncoder.encode(balanceOf)), DefaultBlockParameterName.LATEST).send().getValue();
        @SuppressWarnings("rawtypes")
        List<Type> decoded = FunctionReturnDecoder.decode(answer, balanceOf.getOutputParameters());
        return (BigInteger) decoded.getFirst().getValue();
    }

    private static String gateway() {
        return "http://127.0.0.1:" + layout.ports().gateway();
    }



    private record Withdrawal(BigInteger amount, long block, BigInteger walletGained) {}

    // ------------------------------------------------------------------ one provider, its node, one consumer and their agreement

    private static final class Party {

        final String name;
        final Credentials provider;
        final Credentials consumer;
        final List<String> faults;
        Web3jTransactions providerTx;
        Web3jTransactions consumerTx;
        ChildProcess node;
        Path data;
        int s3Port;
        UUID nodeId;
        String secret;
        String providerToken;
        String consumerToken;
        UUID agreementId;
        AgreementId escrowId;
        long startEpoch;
        BigInteger pricePerEpoch;
        BigInteger slashAmount;
        int slashBelowPpm;
        List<CreditTier> tiers;
        Traffic traffic;

        Party(String name, Credentials provider, Credentials consumer, List<String> faults) {
            this.name = name;
            this.provider = provider;
            this.consumer = consumer;
            this.faults = faults;
        }

        /** Starts the node (as a provider would, plus its faults) and reads its id and secret from its console. */
        void startNode() throws Exception {
            data = state.resolve(name + "-node");
            s3Port = Ports.free();
            List<String> command = new ArrayList<>(List.of(ChildProcess.currentJava(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                    bridgeNodeJar.toString(),
                    "serve", "--port", String.valueOf(s3Port), "--management-port", String.valueOf(Ports.free()), "--bind", "127.0.0.1",
                    "--data-dir", data.toString(),
                    "--region", "eu-west", "--platform-url", gateway(), "--heartbeat-interval", "2", "--grant-sync-interval", "2",
                    "--metrics-interval", "1"));
            command.addAll(faults);
            node = ChildProcess.start(name + "-node", command, Map.of(), layout.root(), state.resolve(name + "-node.log"));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                node.requireAlive();
                return log().contains("secret:");
            });
            String printed = log();
            nodeId = UUID.fromString(printed(printed, "node id:"));
            secret = printed(printed, "secret:");
            assertThat(printed.contains("FAULT INJECTION ON")).as("a node with faults says so").isEqualTo(!faults.isEmpty());
        }

        /** Claim, collateral, a Data Unit, an order, the escrow funded and accepted, the credentials used. */
        void onboard() throws Exception {
            providerTx = Web3jTransactions.connect(web3j, provider);
            consumerTx = Web3jTransactions.connect(web3j, consumer);
            providerToken = PlatformFixtures.session(gateway(), provider, "PROVIDER", "Provider of the " + name + " node");
            claimAndDeposit();
            UUID dataUnit = list();
            consumerToken = PlatformFixtures.session(gateway(), consumer, "CONSUMER", "Consumer on the " + name + " node");
            order(dataUnit);
            fundAndAccept();
            useTheCredentials();
        }

        private void claimAndDeposit() throws Exception {
            HttpResponse<String> issued = post(gateway() + "/api/registry/nodes/" + nodeId + "/claim-codes", providerToken,
                    JSON.writeValueAsString(Map.of("secret", secret)));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            Path output = state.resolve(name + "-claim.log");
            try (ChildProcess claim = ChildProcess.start(name + "-claim", List.of(ChildProcess.currentJava(), "-Xmx128m",
                    "-XX:TieredStopAtLevel=1", "-jar", bridgeNodeJar.toString(),
                    "claim", JSON.readTree(issued.body()).path("code").asString(), "--data-dir", data.toString(), "--platform-url", gateway()),
                    Map.of(), layout.root(), output)) {
                assertThat(claim.waitFor(Duration.ofSeconds(120))).as(Files.readString(output)).isZero();
            }
            HttpResponse<String> terms = get(gateway() + "/api/registry/nodes/" + nodeId + "/claim", providerToken);
            assertThat(terms.statusCode()).as(terms.body()).isEqualTo(200);
            JsonNode args = JSON.readTree(terms.body());
            Web3jNodeRegistry registry = new Web3jNodeRegistry(providerTx, book.registry());
            NodeId chainNodeId = NodeId.of(args.path("nodeIdBytes32").asString());
            registry.claimNode(new SignedNodeClaim(new NodeClaim(chainNodeId, Address.of(args.path("nodeAddress").asString()),
                    Address.of(args.path("provider").asString()), new BigInteger(args.path("nonce").asString()),
                    Instant.ofEpochSecond(args.path("deadline").asLong())), new Signature(args.path("signature").asString())));
            registry.depositCollateral(chainNodeId, DEPOSIT, "sla-collateral-" + nodeId);
            await().atMost(Duration.ofSeconds(120)).until(() -> "ACTIVE".equals(providersNode(gateway(), providerToken, nodeId).path("state").asString()));
        }

        private UUID list() throws Exception {
            // 10 GiB for a day at 8 640 USDC per GB-month is 2 880 USDC: about 1 USDC for each of the day's 2 880 epochs;
            // latency and throughput floors a loaded test machine meets, so availability and audits decide
            String listing = JSON.writeValueAsString(Map.ofEntries(Map.entry("nodeId", nodeId), Map.entry("capacityBytes", 50L << 30),
                    Map.entry("currency", "USDC"), Map.entry("pricePerGbMonth", "8640"), Map.entry("egressPricePerGb", "0.01"),
                    Map.entry("region", "eu-west"), Map.entry("country", "DE"), Map.entry("s3", true), Map.entry("gcs", false),
                    Map.entry("availabilityPct", "99.9"), Map.entry("latencyMs", 2000), Map.entry("uploadMbps", 1), Map.entry("downloadMbps", 1),
                    Map.entry("errorRatePpm", 1000), Map.entry("minTermDays", 1), Map.entry("maxTermDays", 365),
                    Map.entry("paymentMethods", List.of("CRYPTO")), Map.entry("encryptionAtRest", true), Map.entry("versioning", false)));
            HttpResponse<String> listed = await().atMost(Duration.ofSeconds(60)).until(
                    () -> post(gateway() + "/api/marketplace/data-units", providerToken, listing), response -> response.statusCode() != 422);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
            return UUID.fromString(JSON.readTree(listed.body()).path("id").asString());
        }

        private void order(UUID dataUnit) throws Exception {
            HttpResponse<String> quoted = post(gateway() + "/api/marketplace/quotes", null, JSON.writeValueAsString(Map.of(
                    "dataUnitIds", List.of(dataUnit), "capacityBytes", 10L << 30, "termDays", 1, "egressGbPerMonth", 1, "currency", "USDC")));
            assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(201);
            String quoteToken = JSON.readTree(quoted.body()).path("token").asString();
            HttpResponse<String> ordered = await().atMost(Duration.ofSeconds(60)).until(() -> post(gateway() + "/api/orchestrator/orders", consumerToken,
                    JSON.writeValueAsString(Map.of("quoteToken", quoteToken, "paymentMethod", "CRYPTO"))), response -> response.statusCode() != 403);
            assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
            agreementId = UUID.fromString(JSON.readTree(ordered.body()).path("agreements").get(0).path("id").asString());
            HttpResponse<String> decided = await().atMost(Duration.ofSeconds(60)).until(() -> post(gateway() + "/api/orchestrator/agreements/"
                    + agreementId + "/decision", providerToken, "{\"decision\":\"ACCEPT\",\"reason\":\"room on the node\"}"),
                    response -> response.statusCode() != 404);
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        }

        private void fundAndAccept() throws Exception {
            HttpResponse<String> response = get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/escrow-terms", consumerToken);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode terms = JSON.readTree(response.body());
            tiers = new ArrayList<>();
            terms.path("creditTiers").forEach(tier -> tiers.add(new CreditTier(tier.path("belowPpm").asInt(), tier.path("creditBps").asInt())));
            pricePerEpoch = new BigInteger(terms.path("pricePerEpoch").asString());
            startEpoch = terms.path("startEpoch").asLong();
            slashBelowPpm = terms.path("slashBelowPpm").asInt();
            slashAmount = new BigInteger(terms.path("slashAmount").asString());
            assertThat(slashBelowPpm).as("the terms slash below 95 %").isEqualTo(SLASH_LEVEL_PPM);
            assertThat(pricePerEpoch).isGreaterThan(BigInteger.valueOf(100_000));
            escrowId = new Web3jSlaEscrow(consumerTx, book.escrow()).createAgreement(new AgreementTerms(
                    new AgreementRef(new Bytes32(terms.path("reference").asString())), Address.of(terms.path("consumer").asString()),
                    NodeId.of(terms.path("nodeId").asString()), Address.of(terms.path("token").asString()), pricePerEpoch,
                    terms.path("epochs").asInt(), startEpoch, new BigInteger(terms.path("collateral").asString()), slashBelowPpm, slashAmount, tiers));
            await().atMost(Duration.ofSeconds(60)).until(() -> agreementState(gateway(), consumerToken, agreementId), "FUNDED"::equals);
            new Web3jSlaEscrow(providerTx, book.escrow()).accept(escrowId);
            await().atMost(Duration.ofSeconds(60)).until(() -> agreementState(gateway(), providerToken, agreementId), "ACTIVE"::equals);
        }

        private void useTheCredentials() throws Exception {
            HttpResponse<String> shown = get(gateway() + "/api/orchestrator/agreements/" + agreementId + "/credentials", consumerToken);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            JsonNode credentials = JSON.readTree(shown.body());
            S3Client s3 = S3Client.builder().endpointOverride(URI.create(credentials.path("endpoint").asString())).region(Region.US_EAST_1)
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            credentials.path("accessKeyId").asString(), credentials.path("secret").asString())))
                    // one attempt per request, so the consumer counts what the node did; bytes compared here, not by the SDK
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .overrideConfiguration(configuration -> configuration.retryPolicy(RetryPolicy.none())
                            .apiCallTimeout(Duration.ofSeconds(20)))
                    .build();
            traffic = new Traffic(s3, credentials.path("bucket").asString());
            // the node pulls its grants every 2 s: the credentials work once it has (a faulty node fails some attempts anyway)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(traffic::putOnce);
            traffic.start();
        }

        JsonNode verdict() {
            return events.verdict(escrowId, judgedEpoch);
        }

        ChainEvent.EpochSettled settled(List<ChainEvent> chain) {
            return chain.stream().filter(event -> event instanceof ChainEvent.EpochSettled settled && settled.id().equals(escrowId)
                    && settled.epoch() == judgedEpoch).map(ChainEvent.EpochSettled.class::cast).findFirst().orElse(null);
        }

        int feeBps() {
            return new Web3jSlaEscrow(providerTx, book.escrow()).agreement(escrowId).map(Agreement::feeBps).orElseThrow();
        }

        /** The credit the agreement's tiers give an availability, as the escrow pays it: the largest tier it falls under. */
        int creditBps(int availabilityPpm) {
            return tiers.stream().filter(tier -> availabilityPpm < tier.belowPpm()).mapToInt(CreditTier::creditBps).max().orElse(0);
        }

        /** What this agreement's settlements credited (one side's amount) in blocks before {@code block}. */
        BigInteger earnedBefore(long block, java.util.function.Function<ChainEvent.EpochSettled, BigInteger> amount) {
            return chainEvents().stream().filter(event -> event instanceof ChainEvent.EpochSettled settled && settled.id().equals(escrowId)
                            && settled.position().blockNumber() < block)
                    .map(ChainEvent.EpochSettled.class::cast).map(amount).reduce(BigInteger.ZERO, BigInteger::add);
        }

        /** The wallet withdraws its whole escrow balance of {@code token}; what it got, in which block, and what its wallet gained. */
        Withdrawal withdraw(Credentials wallet, Address token) throws Exception {
            BigInteger before = erc20Balance(token, wallet.getAddress());
            Web3jTransactions tx = wallet == provider ? providerTx : consumerTx;
            TxOutcome outcome = new Web3jSlaEscrow(tx, book.escrow()).withdraw(token);
            assertThat(outcome).isInstanceOf(TxOutcome.Mined.class);
            TxOutcome.Mined mined = (TxOutcome.Mined) outcome;
            ChainEvent.Withdrawn withdrawn = chainEvents().stream().filter(event -> event instanceof ChainEvent.Withdrawn w
                            && w.position().transactionHash().equalsIgnoreCase(mined.transactionHash()))
                    .map(ChainEvent.Withdrawn.class::cast).findFirst().orElseThrow();
            assertThat(withdrawn.account().value()).isEqualToIgnoringCase(wallet.getAddress());
            return new Withdrawal(withdrawn.amount(), mined.blockNumber(), erc20Balance(token, wallet.getAddress()).subtract(before));
        }



        private String log() throws Exception {
            return Files.readString(node.logFile());
        }


        void close() {
            if (traffic != null) traffic.stop();
            if (node != null) node.close();
        }
    }

    /** A consumer using its storage: a small PUT and a GET of it back every 100 ms, each outcome kept with its time. */
    private static final class Traffic {

        private final S3Client s3;
        private final String bucket;
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong requests = new AtomicLong();
        private final Collection<Instant> failures = new ConcurrentLinkedQueue<>();
        private final AtomicLong corrupted = new AtomicLong();
        private final Collection<String> reasons = new ConcurrentLinkedQueue<>();
        private volatile boolean stopping;

        Traffic(S3Client s3, String bucket) {
            this.s3 = s3;
            this.bucket = bucket;
        }

        boolean putOnce() {
            try {
                s3.putObject(request -> request.bucket(bucket).key("hello"), RequestBody.fromString("hello"));
                return true;
            } catch (S3Exception e) {
                return false;
            }
        }

        void start() {
            clock.scheduleAtFixedRate(this::roundTrip, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void roundTrip() {
            long n = requests.incrementAndGet();
            String key = "objects/" + (n % 50);
            byte[] content = ("object " + n + " ").repeat(64).getBytes(StandardCharsets.UTF_8);
            try {
                s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
                byte[] read = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
                if (!Arrays.equals(read, content)) corrupted.incrementAndGet();
            } catch (RuntimeException e) {
                if (stopping) return; // a round trip cut off by stop() is not the node's failure
                failures.add(Instant.now());
                reasons.add(Instant.now() + " " + e);
            }
        }

        /** What the failed round trips met, for assertion messages. */
        String failureReasons() {
            return String.join("\n", reasons);
        }

        long failures() {
            return failures.size();
        }

        long failuresBetween(Instant from, Instant to) {
            return failures.stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
        }

        long corruptedReads() {
            return corrupted.get();
        }

        void stop() {
            stopping = true;
            clock.shutdown();
            try {
                clock.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s3.close();
        }
    }

    /** What the services publish on Kafka that this test reads: verdicts, probes and audits, and the nodes' accepted usage. */
    private static final class Events implements AutoCloseable {

        private final Map<String, JsonNode> seen = new ConcurrentHashMap<>();
        private final List<Thread> readers;

        /**
         * No service may read all three topics (ADR 0008), so two readers, each as a service that
         * consumes its topics, in a group of that service: the monitor reads verdicts, the oracle
         * probes, audits and accepted usage.
         */
        private Events(KafkaCredentials credentials, String bootstrap) {
            readers = List.of(
                    Thread.ofPlatform().daemon().name("sla-events-verdicts").start(() -> read(
                            credentials.clientProperties("monitor-service", bootstrap), "monitor-service", "flashback\\.sla\\.v1")),
                    Thread.ofPlatform().daemon().name("sla-events-usage").start(() -> read(
                            credentials.clientProperties("oracle-service", bootstrap), "oracle-service", "flashback\\.(probes|metrics)\\.v1")));
        }

        static Events reading(KafkaCredentials credentials, String bootstrap) {
            return new Events(credentials, bootstrap);
        }

        private void read(Map<String, Object> client, String service, String topics) {
            Map<String, Object> properties = new HashMap<>(client);
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, service + ".sla-enforcement-test-" + UUID.randomUUID());
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Pattern.compile(topics));
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(message -> {
                        JsonNode event = JSON.readTree(message.value());
                        seen.putIfAbsent(event.path("id").asString(), event);   // a redelivered event once
                    });
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // closing
            }
        }

        private Stream<JsonNode> data(String type) {
            return seen.values().stream().filter(event -> event.path("type").asString().equals(type)).map(event -> event.path("data"));
        }

        JsonNode verdict(AgreementId agreement, long epoch) {
            return data("io.flashback.oracle.sla-verdict-reached.v1")
                    .filter(verdict -> verdict.path("agreementId").asString().equals(agreement.toString()) && verdict.path("epoch").asLong() == epoch)
                    .findFirst().orElse(null);
        }

        List<JsonNode> probes(UUID node, Instant from, Instant to) {
            return of("io.flashback.monitor.probe-recorded.v1", node, from, to);
        }

        List<JsonNode> audits(UUID node, Instant from, Instant to) {
            return of("io.flashback.monitor.audit-recorded.v1", node, from, to);
        }

        private List<JsonNode> of(String type, UUID node, Instant from, Instant to) {
            return data(type).filter(event -> event.path("nodeId").asString().equals(node.toString())).filter(event -> {
                Instant at = Instant.parse(event.path("occurredAt").asString());
                return !at.isBefore(from) && at.isBefore(to);
            }).toList();
        }

        /** The samples the oracle accepted from a node for an agreement's minutes starting in [from, to). */
        private Stream<JsonNode> samples(AgreementId agreement, Instant from, Instant to) {
            return data("io.flashback.oracle.metric-batch-accepted.v1").flatMap(batch -> {
                List<JsonNode> samples = new ArrayList<>();
                batch.path("samples").forEach(samples::add);
                return samples.stream();
            }).filter(sample -> sample.path("escrowAgreementId").asString().equals(agreement.toString())).filter(sample -> {
                Instant minute = Instant.parse(sample.path("minute").asString());
                return !minute.isBefore(from) && minute.isBefore(to);
            });
        }

        long reportedRequests(AgreementId agreement, Instant from, Instant to) {
            return samples(agreement, from, to).mapToLong(sample -> sample.path("requests").asLong()).sum();
        }

        long reportedServerErrors(AgreementId agreement, Instant from, Instant to) {
            return samples(agreement, from, to).mapToLong(sample -> sample.path("serverErrors").asLong()).sum();
        }

        @Override
        public void close() {
            readers.forEach(Thread::interrupt);
        }
    }

}
