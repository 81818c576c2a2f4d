package io.flashback.registry.identity;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * ERC-191 version 0x45 signatures ({@code personal_sign}, https://eips.ethereum.org/EIPS/eip-191):
 * keccak256("\x19Ethereum Signed Message:\n" + length + message), signed with secp256k1 as r ‖ s ‖ v.
 */
public final class Eip191 {

    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    /** secp256k1 n / 2: signatures with a higher s are the malleable twin of a valid one (EIP-2). */
    private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private Eip191() {
    }

    /** The lower-case 0x address whose key signed {@code message}; fails with {@link InvalidSignature}. */
    public static String recover(String message, String signature) {
        return "0x" + Keys.getAddress(recoverKey(message, signature));
    }

    /**
     * The public key that signed {@code message}, uncompressed as {@code 0x04 ‖ x ‖ y} (65 bytes of hex): what a
     * bridge node's tokens carry so the platform can encrypt grant secrets to the node key. Fails with
     * {@link InvalidSignature} like {@link #recover}.
     */
    public static String recoverPublicKey(String message, String signature) {
        return "0x04" + Numeric.toHexStringNoPrefixZeroPadded(recoverKey(message, signature), 128);
    }

    /** The address of an uncompressed {@code 0x04…} public key as {@link #recoverPublicKey} writes it. */
    public static String addressOf(String publicKey) {
        return "0x" + Keys.getAddress(Numeric.toBigInt(publicKey.substring(4)));
    }

    /** web3j's 64-byte public key (x ‖ y as one number) of the signer. */
    private static BigInteger recoverKey(String message, String signature) {
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            throw new InvalidSignature("the signature must be 65 bytes of 0x-prefixed hex (r, s, v)");
        }
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        byte v = bytes[64];
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw new InvalidSignature("the signature's v must be 27 or 28");
        }
        byte[] r = Arrays.copyOfRange(bytes, 0, 32);
        byte[] s = Arrays.copyOfRange(bytes, 32, 64);
        if (new BigInteger(1, s).compareTo(HALF_ORDER) > 0) {
            throw new InvalidSignature("the signature's s is in the upper half of the curve order (EIP-2)");
        }
        try {
            return Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8), new Sign.SignatureData(v, r, s));
        } catch (SignatureException | IllegalArgumentException e) {
            throw new InvalidSignature("the signature does not recover to a public key");
        }
    }

    /** Signs like a wallet's {@code personal_sign} (used by tests and by clients written in Java). */
    public static String sign(String message, ECKeyPair key) {
        Sign.SignatureData data = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key);
        byte[] bytes = new byte[65];
        System.arraycopy(data.getR(), 0, bytes, 0, 32);
        System.arraycopy(data.getS(), 0, bytes, 32, 32);
        bytes[64] = data.getV()[0];
        return Numeric.toHexString(bytes);
    }
}
