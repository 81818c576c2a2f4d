package io.flashback.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashback.bridge.node.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheDocumentedServeCommand() {
        NodeConfig c = CommandLine.serve(List.of("--port", "9000", "--management-port", "9001", "--data-dir", "./data",
                "--grant", "AKID:SECRET:10GiB:bucket1,bucket2", "--grant", "RO:S2:0:bucket1:READ"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.grants()).hasSize(2);
        assertThat(c.grants().get(0).quotaBytes()).isEqualTo(10L << 30);
        assertThat(c.grants().get(0).buckets()).containsExactly("bucket1", "bucket2");
        assertThat(c.grants().get(1).canWrite()).isFalse();
    }

    @Test
    void aNodeOnThePlatformNeedsNoLocalGrant() {
        NodeConfig c = CommandLine.serve(List.of("--port", "9000", "--management-port", "9001", "--data-dir", "./data"), true);

        assertThat(c.grants()).isEmpty();
        assertThat(run("serve").err()).contains("or --platform-url URL");
    }

    @Test
    void explainsBadArguments() {
        assertThat(run("serve", "--port", "99999", "--grant", "A:B:1:b").err()).contains("--port must be a port number");
        assertThat(run("serve", "--grant", "A:B").err()).contains("must look like ACCESS_KEY:SECRET:QUOTA_BYTES:bucket1,bucket2");
        assertThat(run("serve", "--grant", "A:B:lots:b").err()).contains("'lots' is not a size");
        assertThat(run("serve").err()).contains("no grant given");
        assertThat(run("serve", "--frobnicate", "1").err()).contains("unknown option --frobnicate");
        assertThat(run("serve", "--port", "x").exit()).isEqualTo(2);
        assertThat(run("serve", "--grant", "AK:TOPSECRET").err()).doesNotContain("TOPSECRET");
    }

    @Test
    void saysClearlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run r = run("serve", "--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()), "--management-port", "0",
                    "--data-dir", dir.toString(), "--grant", "A:B:1:b");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void printsTheGcsBearerTokenOfAGrant() {
        Run r = run("gcs-token", "--access-key", "AK", "--secret", "S");
        assertThat(r.exit()).isZero();
        assertThat(r.out().trim()).startsWith("AK.");
    }
}
