package io.flashback.launcher;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.infra.process.Ports;
import io.flashback.infra.anvil.AnvilAccounts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as {@code ./flashback up} runs it — embedded PostgreSQL, a real Kafka broker,
 * anvil, every service as its own process — driven through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final List<String> ROUTED = List.of("registry", "marketplace", "orchestrator", "monitor", "oracle");
    private static final String MARKETPLACE_GROUP = "marketplace-service.known-accounts";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path state;

    private static PlatformLayout layout;
    private static Flashback flashback;
    private static String operatorToken;

    @BeforeAll
    static void up() {
        layout = PlatformFixtures.onFreePorts(state);
        flashback = new Flashback(layout);
        assertThat(flashback.up()).isZero();
    }

    @AfterAll
    static void down() {
        List<Long> pids = flashback.processes().recorded().stream().map(ManagedProcesses.Managed::pid).toList();
        List<ProcessHandle> family = pids.stream().flatMap(pid -> ProcessHandle.of(pid).stream())
                .flatMap(process -> java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants()))
                .toList();
        flashback.down();
        assertThat(family).as("processes left behind by down").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(1)
    void everyServiceAnswersItsHealthThroughTheGateway() throws Exception {
        for (String service : ROUTED) {
            HttpResponse<String> health = get("/api/" + service + "/actuator/health");
            assertThat(health.statusCode()).as(service).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asString()).isEqualTo("UP");
            assertThat(body.path("components").has("db")).as(service + " reports its database").isTrue();
            assertThat(body.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
            assertThat(health.headers().firstValue("X-Request-Id")).isPresent();
        }
    }

    @Test
    @Order(2)
    void registeredAccountReachesTheMarketplaceReadModelOnce() throws Exception {
        long before = tally("PROVIDER");
        UUID account = register("PROVIDER", "Acme Storage");

        await().atMost(Duration.ofSeconds(30)).until(() -> asOperator("/api/marketplace/known-accounts/" + account).statusCode() == 200);
        awaitMarketplaceCaughtUp();
        assertThat(tally("PROVIDER")).isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void redeliveredEventChangesNothing() throws Exception {
        UUID account = register("CONSUMER", "Bob");
        await().atMost(Duration.ofSeconds(30)).until(() -> asOperator("/api/marketplace/known-accounts/" + account).statusCode() == 200);
        long before = tally("CONSUMER");

        String payload = outboxPayloadOf(account);
        // the registry's principal: the only one the broker lets write its topic (ADR 0008)
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafkaAs("registry-service", Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)))) {
            producer.send(new ProducerRecord<>("flashback.registry.v1", account.toString(), payload)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("flashback.registry.v1", account.toString(), payload)).get(10, TimeUnit.SECONDS);
        }

        awaitMarketplaceCaughtUp();
        assertThat(tally("CONSUMER")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void eventSurvivesTheRegistryKilledBetweenCommitAndPublish() throws Exception {
        PlatformService registry = layout.services().getFirst();
        long before = tally("VALIDATOR");
        // validators are registered by an operator: the wallet up generated into the state directory
        String operator = signIn(layout.secrets().operator().getEcKeyPair());
        flashback.processes().stop(registry.name(), Duration.ofSeconds(20));

        Map<String, String> unreachableKafka = new HashMap<>(registry.environment());
        unreachableKafka.put("FLASHBACK_KAFKA_PORT", String.valueOf(Ports.free()));
        String liveness = registry.publicUrl() + "/actuator/health/liveness";
        flashback.startService(new PlatformService(registry.name(), registry.port(), registry.jar(), registry.arguments(),
                unreachableKafka, liveness, registry.publicUrl()));
        await().atMost(Duration.ofSeconds(90)).until(() -> Health.ready(liveness));

        HttpResponse<String> created = post(registry.publicUrl() + "/accounts", operator,
                "{\"wallet\":\"0x" + Keys.getAddress(Keys.createEcKeyPair()) + "\",\"role\":\"VALIDATOR\",\"displayName\":\"Validator One\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        UUID account = UUID.fromString(JSON.readTree(created.body()).path("id").asString());
        assertThat(publishedAt(account)).as("committed but not yet published").isNull();

        ProcessHandle crashed = flashback.processes().running(registry.name()).orElseThrow();
        crashed.destroyForcibly();
        crashed.onExit().get(20, TimeUnit.SECONDS);
        flashback.processes().stop(registry.name(), Duration.ofSeconds(1));
        flashback.startService(registry);
        await().atMost(Duration.ofSeconds(90)).until(() -> Health.ready(registry.healthUrl()));

        await().atMost(Duration.ofSeconds(30)).until(() -> asOperator("/api/marketplace/known-accounts/" + account).statusCode() == 200);
        awaitMarketplaceCaughtUp();
        assertThat(tally("VALIDATOR")).isEqualTo(before + 1);
        assertThat(publishedAt(account)).isNotNull();
    }

    @Test
    @Order(5)
    void invalidRegistrationIsAnsweredWithTheFieldsAtFault() throws Exception {
        String invalid = "{\"wallet\":\"not-a-wallet\",\"role\":\"PROVIDER\",\"displayName\":\"\"}";
        HttpResponse<String> anonymous = post(gateway() + "/api/registry/accounts", null, invalid);
        assertThat(anonymous.statusCode()).as("no token, no registration").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));

        HttpResponse<String> response = post(gateway() + "/api/registry/accounts", signIn(Keys.createEcKeyPair()), invalid);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(response.body()).contains("wallet").contains("displayName");
    }

    @Test
    @Order(6)
    void gatewayAnswersProblemDetails503WhileAServiceIsDown() throws Exception {
        flashback.processes().stop("oracle-service", Duration.ofSeconds(20));

        HttpResponse<String> response = get("/api/oracle/actuator/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("title").asString()).isEqualTo("Service unavailable");
        assertThat(problem.path("service").asString()).isEqualTo("oracle");
        assertThat(get("/api/registry/actuator/health").statusCode()).as("other routes unaffected").isEqualTo(200);
    }

    @Test
    @Order(7)
    void bridgeNodeServesS3WithTheDemoGrant() {
        DemoGrant demo = DemoGrant.loadOrCreate(layout.demoGrantFile());
        try (software.amazon.awssdk.services.s3.S3Client s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + layout.ports().bridgeNode()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(demo.accessKey(), demo.secret())))
                .build()) {
            s3.createBucket(request -> request.bucket("demo"));
            s3.putObject(request -> request.bucket("demo").key("hello.txt"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("hello from the platform"));

            assertThat(s3.getObjectAsBytes(request -> request.bucket("demo").key("hello.txt")).asUtf8String())
                    .isEqualTo("hello from the platform");
        }
    }

    @Test // #13 H1
    @Order(8)
    void noPublicAnvilKeyHoldsAPrivilegedRole() throws Exception {
        String anvilZero = signIn(Credentials.create(AnvilAccounts.PRIVATE_KEYS.getFirst()).getEcKeyPair());
        HttpResponse<String> asOperator = post(gateway() + "/api/registry/accounts", anvilZero,
                "{\"wallet\":\"0x" + Keys.getAddress(Keys.createEcKeyPair()) + "\",\"role\":\"VALIDATOR\",\"displayName\":\"Mallory\"}");
        assertThat(asOperator.statusCode()).as("anvil account 0 is no operator: " + asOperator.body()).isEqualTo(403);

        AddressBook book = AddressBook.read(layout.addressBook());
        try (var chain = new ChainReads(layout.ports().anvil())) {
            for (String publicKey : AnvilAccounts.PRIVATE_KEYS) {
                String address = Credentials.create(publicKey).getAddress();
                assertThat(chain.isValidator(book, address)).as("public anvil account " + address + " validates").isFalse();
                assertThat(chain.isGovernance(book, address)).as("public anvil account " + address + " governs the contracts").isFalse();
            }
            assertThat(chain.isValidator(book, layout.secrets().validator(1).getAddress())).isTrue();
            assertThat(chain.isGovernance(book, layout.secrets().governance().getAddress())).isTrue();
        }
    }

    @Test // #13 C1
    @Order(9)
    void aWebhookSignedWithTheOnceCommittedSecretIsRefused() throws Exception {
        String body = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"invoice.paid\",\"created\":" + java.time.Instant.now().getEpochSecond()
                + ",\"data\":{\"invoice\":\"inv_" + UUID.randomUUID() + "\",\"amount\":\"24.48\",\"currency\":\"USD\"}}";

        HttpResponse<String> forged = webhook(body, "flashback-local-development-webhook-secret");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);

        String generated = java.nio.file.Files.readString(state.resolve("keys").resolve("orchestrator-webhook.secret")).strip();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
        assertThat(webhook(body, generated).statusCode()).as("the state directory's own secret is the one checked").isNotEqualTo(401);
    }

    @Test // #13 L7
    @Order(10)
    void servicesBehindTheGatewayListenOnLoopbackOnly() throws Exception {
        java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> { try { return nic.isUp() && !nic.isLoopback(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no address but loopback");
        for (PlatformService service : layout.services()) {
            if (service.name().equals("gateway-service") || service.name().equals("bridge-node")
                    || flashback.processes().running(service.name()).isEmpty()) {
                continue;
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress(outside, service.port()), 2000))
                        .as(service.name() + " on " + outside).isInstanceOf(java.io.IOException.class);
            }
            assertThat(Ports.isListening(service.port())).as(service.name() + " on loopback").isTrue();
        }
    }

    @Test // #13 L7
    @Order(11)
    void everyDatabaseConnectionNeedsItsOwnRolesPassword() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + layout.ports().postgres() + "/";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url + "registry", "postgres", "").close())
                .as("the superuser without a password").isInstanceOf(SQLException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url + "orchestrator", "marketplace",
                layout.secrets().postgresPassword("marketplace")).close()).as("a service in another's database").isInstanceOf(SQLException.class);
        try (Connection own = DriverManager.getConnection(url + "marketplace", "marketplace", layout.secrets().postgresPassword("marketplace"))) {
            assertThat(own.isValid(5)).isTrue();
        }
    }

    @Test // #13 L7
    @Order(12)
    void noSecretIsOnAProcesssCommandLine() throws Exception {
        DemoGrant demo = DemoGrant.loadOrCreate(layout.demoGrantFile());
        List<String> secrets = List.of(demo.secret(), layout.secrets().postgresPassword("registry"),
                java.nio.file.Files.readString(layout.secrets().operatorKeyFile()).strip().substring(2),
                java.nio.file.Files.readString(layout.secrets().validatorKeyFile(1)).strip().substring(2));
        List<ProcessHandle> platform = flashback.processes().recorded().stream().flatMap(managed -> ProcessHandle.of(managed.pid()).stream())
                .flatMap(process -> java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants())).toList();
        assertThat(platform).isNotEmpty();
        for (ProcessHandle process : platform) {
            String commandLine = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
            secrets.forEach(secret -> assertThat(commandLine).as("pid " + process.pid()).doesNotContain(secret));
        }
    }

    @Test // #13 L3
    @Order(13)
    void aSignedOutSessionsTokenIsRefusedWithinSeconds() throws Exception {
        JsonNode session = PlatformFixtures.signInSession(gateway(), Keys.createEcKeyPair());
        String token = session.path("accessToken").asString();
        int before = PlatformFixtures.get(gateway() + "/api/registry/accounts/me", token).statusCode();
        assertThat(before).as("the fresh token is accepted").isNotEqualTo(401);

        HttpResponse<String> signedOut = post(gateway() + "/api/registry/auth/sign-out", token,
                JSON.writeValueAsString(Map.of("refreshToken", session.path("refreshToken").asString())));
        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> PlatformFixtures.get(gateway() + "/api/registry/accounts/me", token).statusCode() == 401);
    }

    private static HttpResponse<String> webhook(String body, String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String t = Long.toString(java.time.Instant.now().getEpochSecond());
        String signature = "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/orchestrator/payments/webhook")).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").header("Flashback-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static UUID register(String role, String name) throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String wallet = "0x" + Keys.getAddress(key);
        HttpResponse<String> response = post(gateway() + "/api/registry/accounts", signIn(key),
                "{\"wallet\":\"" + wallet + "\",\"role\":\"" + role + "\",\"displayName\":\"" + name + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).path("id").asString());
    }

    private static String signIn(ECKeyPair key) throws Exception {
        return PlatformFixtures.signIn(gateway(), key);
    }

    private static long tally(String role) throws Exception {
        JsonNode tally = JSON.readTree(asOperator("/api/marketplace/known-accounts/tally").body());
        return tally.path(role).asLong(0);
    }

    /** Waits until the marketplace's consumer has committed everything on the registry topic. */
    private static void awaitMarketplaceCaughtUp() {
        try (Admin admin = Admin.create(kafkaAs("marketplace-service", Map.of()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(MARKETPLACE_GROUP)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Set<TopicPartition> partitions = admin.describeTopics(List.of("flashback.registry.v1")).allTopicNames().get(5, TimeUnit.SECONDS)
                        .get("flashback.registry.v1").partitions().stream()
                        .map(info -> new TopicPartition("flashback.registry.v1", info.partition())).collect(Collectors.toSet());
                Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                        .all().get(5, TimeUnit.SECONDS).entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        }
    }

    private static String outboxPayloadOf(UUID account) throws SQLException {
        return queryOutbox(account, "payload");
    }

    private static String publishedAt(UUID account) throws SQLException {
        return queryOutbox(account, "published_at");
    }

    private static String queryOutbox(UUID account, String column) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + layout.ports().postgres() + "/registry", "registry",
                layout.secrets().postgresPassword("registry"));
             PreparedStatement statement = connection.prepareStatement("select " + column + " from outbox_event where message_key = ?")) {
            statement.setString(1, account.toString());
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("outbox row for " + account).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static String gateway() {
        return "http://127.0.0.1:" + layout.ports().gateway();
    }

    /** {@code settings} plus the principal of {@code service}, with its password of this platform's state directory. */
    private static Map<String, Object> kafkaAs(String service, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.putAll(layout.kafkaCredentials().clientProperties(service, "127.0.0.1:" + layout.ports().kafka()));
        return properties;
    }

    /** Known accounts are shown to operators and to each account itself only (#13 L4). */
    private static HttpResponse<String> asOperator(String path) throws Exception {
        if (operatorToken == null) {
            operatorToken = signIn(layout.secrets().operator().getEcKeyPair());
        }
        return PlatformFixtures.get(gateway() + path, operatorToken);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(40)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String accessToken, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
