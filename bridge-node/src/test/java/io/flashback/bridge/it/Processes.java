package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Running the command-line clients under test. */
final class Processes {
    private Processes() {}

    record Result(int exit, String output) {}

    /** The executable, or an assumption failure (locally) / a test failure (CI=true) when it is not installed. */
    static String require(String name, String... preferred) {
        Optional<String> found = find(name, preferred);
        if (found.isEmpty()) {
            String message = name + " is not installed; .ci/run installs it (apt-get install awscli rclone s3cmd)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(message);
            Assumptions.abort(message);
        }
        return found.get();
    }

    static Optional<String> find(String name, String... preferred) {
        for (String p : preferred) if (Files.isExecutable(Path.of(p))) return Optional.of(p);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p.toString());
        }
        return Optional.empty();
    }

    static Result run(List<String> command, Map<String, String> env, Path cwd) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(cwd.toFile());
        // rclone on Debian fails with the machine-wide CA bundle (see /work/shared/notes/s3-gcs-clients.md)
        pb.environment().remove("AWS_CA_BUNDLE");
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("cli", ".log");
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command + "\n" + Files.readString(out));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String ok(List<String> command, Map<String, String> env, Path cwd) {
        Result r = run(command, env, cwd);
        assertThat(r.exit()).as("%s exited %d:%n%s", command, r.exit(), r.output()).isZero();
        return r.output();
    }
}
