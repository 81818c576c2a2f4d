package io.flashback.launcher;

import io.flashback.chain.web3j.ChainKeys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The local platform's own secrets and privileged wallets, made at random on the first {@code up} into
 * {@code <state>/keys} (owner-only files, never overwritten): the operator wallet, the contracts'
 * governance key, the validators' keys and the PostgreSQL passwords. None of them is a public anvil key
 * (SECURITY.md: privileged roles are never a publicly known key). The services' own secrets (the
 * orchestrator's grant key and webhook secret, the registry's key-encryption key, the monitor's canary
 * secret) are made by each service in the same directory from its {@code local} profile.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    LocalSecrets(Path stateDirectory) {
        this.directory = stateDirectory.resolve("keys");
    }

    Path directory() {
        return directory;
    }

    /** The wallet that signs in as OPERATOR on the local platform. */
    Credentials operator() {
        return wallet(operatorKeyFile());
    }

    Path operatorKeyFile() {
        return directory.resolve("operator-wallet.key");
    }

    /** Deploys the contracts and holds their governance roles (e.g. {@code setValidators}). */
    Credentials governance() {
        return wallet(directory.resolve("governance.key"));
    }

    /** Validator {@code i} (1-based) of the local validator set. */
    Credentials validator(int i) {
        return wallet(validatorKeyFile(i));
    }

    Path validatorKeyFile(int i) {
        return directory.resolve("validator-" + i + ".key");
    }

    List<Credentials> validators(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(this::validator).toList();
    }

    /** The PostgreSQL password of {@code role} (a service's own role, or {@code postgres}, the superuser). */
    String postgresPassword(String role) {
        Path file = directory.resolve("postgres").resolve(role + ".password");
        return loadOrCreate(file, () -> Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24)));
    }

    private Credentials wallet(Path file) {
        return ChainKeys.fromHex(loadOrCreate(file, LocalSecrets::newPrivateKey));
    }

    private static String newPrivateKey() {
        try {
            return Numeric.toHexStringWithPrefixZeroPadded(Keys.createEcKeyPair(RANDOM).getPrivateKey(), 64);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new LauncherException("cannot make a key pair: " + e.getMessage());
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The file's text, made first when it does not exist (atomically, so two processes agree on one value). */
    private static String loadOrCreate(Path file, java.util.function.Supplier<String> fresh) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), ".secret", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, fresh.get() + "\n");
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    Files.delete(temporary);
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new LauncherException("cannot read or create " + file + ": " + e.getMessage());
        }
    }
}
