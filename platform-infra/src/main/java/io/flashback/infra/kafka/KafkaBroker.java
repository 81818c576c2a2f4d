package io.flashback.infra.kafka;

import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.InfrastructureException;
import io.flashback.infra.process.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run as a child
 * JVM from the Kafka jars on this JVM's class path. Its log directory is kept across restarts.
 *
 * <p>It is secured the way a deployment is (ADR 0008), so every test and every local platform
 * exercises the same rules: clients authenticate with SASL/SCRAM-SHA-512 as one principal per
 * service, the {@code StandardAuthorizer} allows each only what {@link KafkaAccess} grants
 * ({@code allow.everyone.if.no.acl.found=false}), and a connection without SASL is refused. The
 * broker's own principal ({@link KafkaAccess#ADMIN}, the only super user) authenticates with PLAIN
 * on two loopback listeners of its own (inter-broker and controller), which need no SCRAM
 * credentials stored in the cluster metadata and so also serve to bootstrap those credentials and
 * the ACLs. SASL_PLAINTEXT: loopback only, TLS is for deployments (compose).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    /** Iterations of the SCRAM credentials (RFC 7677 asks for at least 4096). */
    private static final int SCRAM_ITERATIONS = 8192;

    private final ChildProcess process;
    private final int port;
    private final int brokerPort;
    private final KafkaCredentials credentials;

    private KafkaBroker(ChildProcess process, int port, int brokerPort, KafkaCredentials credentials) {
        this.process = process;
        this.port = port;
        this.brokerPort = brokerPort;
        this.credentials = credentials;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) keeping its data under {@code directory},
     * with the service principals of {@code credentials} and their ACLs in force before it returns.
     */
    public static KafkaBroker start(Path directory, int port, int defaultPartitions, KafkaCredentials credentials) {
        int chosen = port == 0 ? Ports.free() : port;
        int controllerPort = Ports.free();
        int brokerPort = Ports.free();
        Ports.requireFree(chosen, "Kafka");
        try {
            Path data = directory.resolve("data");
            Files.createDirectories(data);
            Path config = directory.resolve("server.properties");
            String admin = KafkaAccess.ADMIN;
            String adminPassword = credentials.password(admin);
            // the broker's side of PLAIN: its one user, and the credentials it presents itself to the controller and to brokers
            String plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                    + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword + "\";";
            String scramJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=CLIENT://127.0.0.1:" + chosen + ",BROKER://127.0.0.1:" + brokerPort
                            + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=CLIENT://127.0.0.1:" + chosen + ",BROKER://127.0.0.1:" + brokerPort,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=BROKER",
                    "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                    "listener.name.client.sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM,
                    "listener.name.client.scram-sha-512.sasl.jaas.config=" + scramJaas,
                    "listener.name.broker.sasl.enabled.mechanisms=PLAIN",
                    "listener.name.broker.plain.sasl.jaas.config=" + plainJaas,
                    "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                    "listener.name.controller.plain.sasl.jaas.config=" + plainJaas,
                    "sasl.mechanism.inter.broker.protocol=PLAIN",
                    "sasl.mechanism.controller.protocol=PLAIN",
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "super.users=User:" + admin,
                    "allow.everyone.if.no.acl.found=false",
                    "log.dirs=" + data.toAbsolutePath(),
                    "num.partitions=" + defaultPartitions,
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.flush.interval.messages=1",
                    "") + "\n");
            restrictToOwner(config);
            List<String> jvm = List.of(ChildProcess.currentJava(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", ChildProcess.absoluteClassPath());
            Path log = directory.resolve("kafka.log");
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(jvm, config, directory, log);
            }
            ChildProcess broker = ChildProcess.start("kafka",
                    concat(jvm, "kafka.Kafka", config.toAbsolutePath().toString()), Map.of(), directory, log);
            KafkaBroker started = new KafkaBroker(broker, chosen, brokerPort, credentials);
            try {
                Ports.await(started::answers, Duration.ofSeconds(60), broker, "Kafka on port " + chosen);
                started.grantServiceAccess();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return started;
        } catch (IOException e) {
            throw new InfrastructureException("cannot prepare Kafka in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts every service principal's SCRAM credential (its password of this state directory) and
     * ACLs ({@link KafkaAccess}) in force; both are upserts, so a restart changes nothing.
     */
    private void grantServiceAccess() {
        try (Admin admin = Admin.create(adminProperties())) {
            List<UserScramCredentialAlteration> users = KafkaAccess.principals().stream()
                    .<UserScramCredentialAlteration>map(principal -> new UserScramCredentialUpsertion(principal,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password(principal)))
                    .toList();
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(KafkaAcls.bindings(KafkaAccess.SERVICES)).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new InfrastructureException("cannot put the Kafka principals and ACLs in force: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while putting the Kafka principals and ACLs in force", e);
        }
        log.debug("Kafka principals {} and their ACLs in force", KafkaAccess.principals());
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the state directory's own protection applies
        }
    }

    private static void format(List<String> jvm, Path config, Path directory, Path log) {
        String clusterId = Uuid.randomUuid().toString();
        try (ChildProcess format = ChildProcess.start("kafka-storage-format",
                concat(jvm, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toAbsolutePath().toString()),
                Map.of(), directory, log)) {
            int status = format.waitFor(Duration.ofSeconds(60));
            if (status != 0) {
                throw new InfrastructureException("formatting Kafka storage failed with status " + status + "; see " + log);
            }
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }

    private boolean answers() {
        if (!Ports.isListening(port)) {
            return false;
        }
        Map<String, Object> properties = new java.util.HashMap<>(adminProperties());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The listener services connect to (SASL/SCRAM-SHA-512). */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Client properties that authenticate as the service {@code principal} (a {@link KafkaAccess} name). */
    public Map<String, Object> clientProperties(String principal) {
        return credentials.clientProperties(principal, bootstrapServers());
    }

    /**
     * Client properties of the broker's own super user, on its own listener: for bootstrapping and
     * inspecting the broker, never for a service.
     */
    public Map<String, Object> adminProperties() {
        return KafkaCredentials.clientProperties("127.0.0.1:" + brokerPort, "PLAIN", KafkaAccess.ADMIN,
                credentials.password(KafkaAccess.ADMIN));
    }

    public KafkaCredentials credentials() {
        return credentials;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
