package io.flashback.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The format of a local platform's state directory. Version 2 has no public key in a privileged role:
 * its operator wallet, contract governance and validators are generated keys, every secret is made at
 * random, and each service has its own database role. A directory an older launcher made (public anvil
 * keys as operator, governance and validators, fixed development secrets, one passwordless superuser)
 * cannot be mended in place, since its contracts are governed by a public key: it is refused with the fix.
 */
final class StateVersion {

    static final int CURRENT = 2;
    private static final String FILE = "state-version";

    private StateVersion() {
    }

    /** Passes for a new or current directory (and marks a new one); refuses one an older launcher made. */
    static void requireCurrent(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE);
        try {
            boolean used = Files.isDirectory(stateDirectory.resolve("postgres")) || Files.isDirectory(stateDirectory.resolve("anvil"));
            int found = Files.exists(file) ? Integer.parseInt(Files.readString(file).strip()) : used ? 1 : CURRENT;
            if (found < CURRENT) {
                throw new LauncherException(stateDirectory + " was made by an older Flashback, which gave public development keys"
                        + " the operator, governance and validator roles and used fixed development secrets. It cannot be mended in"
                        + " place: start afresh with ./flashback down && rm -rf " + stateDirectory + " && ./flashback up"
                        + " (the local platform's data goes with it), or keep it and run the older version on it.");
            }
            if (found > CURRENT) {
                throw new LauncherException(stateDirectory + " was made by a newer Flashback (state version " + found
                        + "); use that version, or another FLASHBACK_STATE_DIR");
            }
            Files.createDirectories(stateDirectory);
            Files.writeString(file, CURRENT + "\n");
        } catch (IOException | NumberFormatException e) {
            throw new LauncherException("cannot read or write " + file + ": " + e.getMessage());
        }
    }
}
