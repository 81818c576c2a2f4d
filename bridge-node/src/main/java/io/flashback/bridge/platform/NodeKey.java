package io.flashback.bridge.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Locale;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The node's secp256k1 key (ARCHITECTURE §4): made on the first start in {@code DATA_DIR/platform/node.key}
 * (hex, owner-only 0600), read from there afterwards. Its Ethereum address is the node address the
 * platform and BridgeNodeRegistry know the node by; every request to the platform and the claim are signed with it.
 */
public final class NodeKey {
    static final String FILE = "node.key";

    private final ECKeyPair keyPair;
    private final String address;

    private NodeKey(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.address = "0x" + Keys.getAddress(keyPair).toLowerCase(Locale.ROOT);
    }

    /** Loads the key of the node whose data directory is {@code dataDir}, creating it on the first start. */
    public static NodeKey loadOrCreate(Path dataDir) {
        Path file = PlatformFiles.directory(dataDir).resolve(FILE);
        try {
            if (Files.exists(file)) return load(file);
            ECKeyPair created = Keys.createEcKeyPair();
            PlatformFiles.writePrivate(file, Numeric.toHexStringWithPrefixZeroPadded(created.getPrivateKey(), 64) + "\n");
            return new NodeKey(created);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("cannot create a secp256k1 key: " + e.getMessage(), e);
        }
    }

    /** The key of an installed node; fails when the node never ran with this data directory. */
    public static NodeKey load(Path file) {
        try {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!hex.matches("(0x)?[0-9a-fA-F]{64}")) throw new IllegalStateException("node key file " + file + " is not a 32-byte hex key");
            return new NodeKey(ECKeyPair.create(new BigInteger(Numeric.cleanHexPrefix(hex), 16)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node key " + file, e);
        }
    }

    static NodeKey of(ECKeyPair keyPair) {
        return new NodeKey(keyPair);
    }

    /** The node address, 0x and lower-case hex. */
    public String address() {
        return address;
    }

    /** ERC-191 {@code personal_sign} of a UTF-8 text: 0x r‖s‖v, v 27/28, low s. */
    public String signText(String text) {
        return hex(Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), keyPair));
    }

    /** Signs an already hashed 32-byte digest (an EIP-712 digest): 0x r‖s‖v. */
    public String signDigest(byte[] digest) {
        return hex(Sign.signMessage(digest, keyPair, false));
    }

    /**
     * A grant secret the platform encrypted to this key ({@link GrantSecrets}), for {@code accessKeyId}; fails with
     * {@link GrantSecrets.Undecryptable} when it was encrypted to another key or is damaged.
     */
    String decryptGrantSecret(String accessKeyId, String encrypted) throws GrantSecrets.Undecryptable {
        return GrantSecrets.decrypt(keyPair.getPrivateKey(), accessKeyId, encrypted);
    }

    /** The public key as node tokens carry it ({@code node_key}): {@code 0x04 ‖ x ‖ y} in hex. */
    public String publicKey() {
        return "0x04" + Numeric.toHexStringNoPrefixZeroPadded(keyPair.getPublicKey(), 128);
    }

    private static String hex(Sign.SignatureData signature) {
        byte[] out = new byte[65];
        System.arraycopy(signature.getR(), 0, out, 0, 32);
        System.arraycopy(signature.getS(), 0, out, 32, 32);
        out[64] = signature.getV()[0];
        return Numeric.toHexString(out);
    }

    @Override
    public String toString() {
        return "NodeKey[" + address + "]";
    }
}
