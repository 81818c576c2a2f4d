package io.flashback.chain.web3j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainKeysTest {

    @Test
    void readsAHexKeyFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), ChainKeys.ANVIL_DEVELOPMENT_KEYS.get(0) + "\n");
        assertThat(ChainKeys.fromFile(file, null).getAddress()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }

    @Test
    void decryptsAKeystore(@TempDir Path dir) throws Exception {
        Credentials key = ChainKeys.anvil(1);
        String name = WalletUtils.generateWalletFile("secret", key.getEcKeyPair(), dir.toFile(), false);
        assertThat(ChainKeys.fromKeystore(dir.resolve(name), "secret").getAddress()).isEqualTo(key.getAddress());
        assertThatThrownBy(() -> ChainKeys.fromKeystore(dir.resolve(name), "wrong")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesWhatIsNotAKey() {
        assertThatThrownBy(() -> ChainKeys.fromHex("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChainKeys.fromEnvironment("FLASHBACK_SURELY_UNSET_KEY")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anvilKeysAreTheWellKnownDevelopmentAccounts() {
        assertThat(ChainKeys.anvil(9).getAddress()).isEqualTo("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
    }
}
