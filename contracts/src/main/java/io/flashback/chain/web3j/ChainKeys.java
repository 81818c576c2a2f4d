package io.flashback.chain.web3j;

import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where signing keys come from: the environment, a key file (hex, or an encrypted JSON keystore with
 * its password from the environment), never from code. The local profile uses anvil's development keys.
 */
public final class ChainKeys {

    /**
     * anvil's development keys (mnemonic "test test … junk"), accounts 0..9. Public knowledge: they
     * hold value on local chains only and production configuration never uses them.
     */
    public static final List<String> ANVIL_DEVELOPMENT_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private ChainKeys() {
    }

    public static Credentials fromHex(String privateKey) {
        String hex = privateKey.strip();
        if (!hex.matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a private key is 32 bytes of hex");
        }
        return Credentials.create(hex);
    }

    /** The key in environment variable {@code name} (hex). */
    public static Credentials fromEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " with a private key is not set");
        }
        return fromHex(value);
    }

    /**
     * The key in {@code file}: a hex private key, or a web3 secret-storage JSON keystore decrypted with
     * the password in environment variable {@code passwordVariable}.
     */
    public static Credentials fromFile(Path file, String passwordVariable) {
        try {
            String content = Files.readString(file).strip();
            if (!content.startsWith("{")) {
                return fromHex(content);
            }
            String password = passwordVariable == null ? null : System.getenv(passwordVariable);
            if (password == null) {
                throw new IllegalStateException("keystore " + file + " needs its password in " + passwordVariable);
            }
            return fromKeystore(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A web3 secret-storage JSON keystore (https://ethereum.org/developers/docs/data-structures-and-encoding/web3-secret-storage). */
    public static Credentials fromKeystore(Path file, String password) {
        try {
            return WalletUtils.loadCredentials(password, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CipherException e) {
            throw new IllegalStateException("cannot decrypt keystore " + file, e);
        }
    }

    public static Credentials anvil(int account) {
        return fromHex(ANVIL_DEVELOPMENT_KEYS.get(account));
    }
}
