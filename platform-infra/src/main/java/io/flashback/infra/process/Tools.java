package io.flashback.infra.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Command-line tools the platform installs on first use from the npm registry (anvil, solc),
 * into one tools directory shared by the launcher, the build and the tests.
 */
public final class Tools {

    private Tools() {
    }

    /** {@code $FLASHBACK_TOOLS_DIR}, or {@code ~/.cache/flashback/tools}. */
    public static Path directory() {
        String configured = System.getenv("FLASHBACK_TOOLS_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "flashback", "tools");
    }

    /**
     * Installs {@code pkg@version} under {@code directory/name} with npm unless {@code binary}
     * (relative to that folder) is already there; returns the binary's path.
     */
    public static Path ensureNpmPackage(Path directory, String name, String pkg, String version, String binary) {
        Path home = directory.resolve(name + "-" + version);
        Path executable = home.resolve(binary);
        if (Files.isExecutable(executable)) {
            return executable;
        }
        try (ChildProcess npm = ChildProcess.start("npm install " + pkg,
                List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", home.toString(), pkg + "@" + version),
                Map.of(), directory, directory.resolve(name + "-install.log"))) {
            int status = npm.waitFor(Duration.ofMinutes(5));
            if (status != 0 || !Files.isExecutable(executable)) {
                throw new InfrastructureException("installing " + pkg + "@" + version + " with npm failed (status "
                        + status + "); see " + npm.logFile() + ". Node.js 20+ and access to the npm registry are needed.");
            }
            return executable;
        } catch (InfrastructureException e) {
            if (e.getMessage().startsWith("cannot start")) {
                throw new InfrastructureException("npm is not on the PATH: install Node.js 20+ to get " + pkg, e);
            }
            throw e;
        }
    }
}
