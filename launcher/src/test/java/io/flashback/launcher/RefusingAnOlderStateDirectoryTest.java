package io.flashback.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #13: a state directory an older launcher made (public keys in privileged roles) is refused with the fix. */
class RefusingAnOlderStateDirectoryTest {

    @TempDir
    Path state;

    @Test // #13 H1
    void refusesADirectoryMadeBeforeTheStateVersionWithTheFix() throws IOException {
        Files.createDirectories(state.resolve("postgres"));

        assertThatThrownBy(() -> StateVersion.requireCurrent(state))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("older Flashback")
                .hasMessageContaining("rm -rf " + state);
        assertThat(state.resolve("state-version")).doesNotExist();
    }

    @Test
    void marksANewDirectoryAndAcceptsItAgain() throws IOException {
        StateVersion.requireCurrent(state);
        Files.createDirectories(state.resolve("postgres"));

        StateVersion.requireCurrent(state);
        assertThat(Files.readString(state.resolve("state-version")).strip()).isEqualTo(String.valueOf(StateVersion.CURRENT));
    }

    @Test
    void refusesADirectoryOfANewerVersion() throws IOException {
        Files.writeString(state.resolve("state-version"), (StateVersion.CURRENT + 1) + "\n");

        assertThatThrownBy(() -> StateVersion.requireCurrent(state)).isInstanceOf(LauncherException.class).hasMessageContaining("newer");
    }
}
