package io.flashback.infra.kafka;

import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.InfrastructureException;
import io.flashback.infra.process.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run as a child
 * JVM from the Kafka jars on this JVM's class path. Its log directory is kept across restarts.
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) keeping its data under {@code directory}.
     */
    public static KafkaBroker start(Path directory, int port, int defaultPartitions) {
        int chosen = port == 0 ? Ports.free() : port;
        int controllerPort = Ports.free();
        Ports.requireFree(chosen, "Kafka");
        try {
            Path data = directory.resolve("data");
            Files.createDirectories(data);
            Path config = directory.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + chosen + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + chosen,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
            List<String> jvm = List.of(ChildProcess.currentJava(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", ChildProcess.absoluteClassPath());
            Path log = directory.resolve("kafka.log");
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(jvm, config, directory, log);
            }
            ChildProcess broker = ChildProcess.start("kafka",
                    concat(jvm, "kafka.Kafka", config.toAbsolutePath().toString()), Map.of(), directory, log);
            KafkaBroker started = new KafkaBroker(broker, chosen);
            Ports.await(started::answers, Duration.ofSeconds(60), broker, "Kafka on port " + chosen);
            return started;
        } catch (IOException e) {
            throw new InfrastructureException("cannot prepare Kafka in " + directory + ": " + e.getMessage(), e);
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
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
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
