package io.flashback.launcher;

import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.kafka.KafkaBroker;
import io.flashback.infra.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of a local platform: embedded PostgreSQL (one database per
 * service), a Kafka broker and anvil. It runs until it is terminated, then stops all three.
 * Started by {@code ./flashback up}; not meant to be run by hand.
 */
public final class InfraDaemon {

    private InfraDaemon() {
    }

    public static void main(String[] args) throws Exception {
        PlatformLayout layout = PlatformLayout.fromEnvironment(Path.of(args.length > 0 ? args[0] : "."), System.getenv());
        Deque<AutoCloseable> started = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(started);
            stopped.countDown();
        }, "infra-shutdown"));
        try {
            Path state = layout.stateDirectory();
            Files.deleteIfExists(layout.infraReadyFile());
            LocalSecrets secrets = layout.secrets();
            log("starting PostgreSQL on port " + layout.ports().postgres());
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startWithPasswords(state.resolve("postgres"), layout.ports().postgres(),
                    secrets.postgresPassword(EmbeddedPostgresServer.USER));
            started.push(postgres);
            // each service its own role and database (ARCHITECTURE §4): no service can read another's tables
            PlatformLayout.DATABASES.forEach(database -> postgres.createRoleOwning(database, database, secrets.postgresPassword(database)));
            log("starting Kafka on port " + layout.ports().kafka());
            // SASL/SCRAM with a principal and ACLs per service; the passwords live in the state directory (ADR 0008)
            started.push(KafkaBroker.start(state.resolve("kafka"), layout.ports().kafka(), 3, layout.kafkaCredentials()));
            log("starting anvil on port " + layout.ports().anvil());
            Path chain = Files.createDirectories(state.resolve("anvil"));
            Anvil anvil = Anvil.start(chain, layout.ports().anvil(), chain.resolve("state.json"));
            started.push(anvil);
            ContractDeployment.ensureDeployed(anvil, layout.addressBook(), layout.logs().resolve("deploy.log"), layout.chain(), secrets);
            Files.createDirectories(layout.run());
            Files.writeString(layout.infraReadyFile(), "ready\n");
            log("infrastructure ready");
        } catch (RuntimeException | IOException e) {
            log("infrastructure failed: " + e.getMessage());
            closeAll(started);
            System.exit(1);
        }
        stopped.await();
    }

    private static synchronized void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log("stopping " + next.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    private static void log(String message) {
        System.out.println(java.time.Instant.now() + " infra: " + message);
    }
}
