package io.flashback.oracle.ingest;

import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ERC-191 version 0x45 ({@code personal_sign}, https://eips.ethereum.org/EIPS/eip-191):
 * keccak256("\x19Ethereum Signed Message:\n" + length + message) signed with secp256k1 as r ‖ s ‖ v — how bridge
 * nodes sign everything they send the platform (registry-service checks announcements the same way).
 */
public final class Eip191 {

    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    /** secp256k1 n / 2: a higher s is the malleable twin of a valid signature (EIP-2). */
    private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private Eip191() {
    }

    public static boolean wellFormed(String signature) {
        return signature != null && SIGNATURE.matcher(signature).matches();
    }

    /** The lower-case 0x address whose key signed {@code message}, or empty when the signature recovers to none. */
    public static Optional<String> signer(String message, String signature) {
        if (!wellFormed(signature)) {
            return Optional.empty();
        }
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        byte v = bytes[64];
        if (v == 0 || v == 1) {
            v += 27;
        }
        byte[] s = Arrays.copyOfRange(bytes, 32, 64);
        if ((v != 27 && v != 28) || new BigInteger(1, s).compareTo(HALF_ORDER) > 0) {
            return Optional.empty();
        }
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32), s));
            return Optional.of("0x" + Keys.getAddress(publicKey));
        } catch (SignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
