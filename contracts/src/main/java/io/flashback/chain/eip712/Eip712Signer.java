package io.flashback.chain.eip712;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.Signature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.security.SignatureException;

/** Signs EIP-712 digests with a secp256k1 key and recovers signers, the way OpenZeppelin's ECDSA checks them. */
public final class Eip712Signer {

    private Eip712Signer() {
    }

    /** r ‖ s ‖ v with v = 27 or 28 and a low s (EIP-2), which OpenZeppelin's ECDSA requires. */
    public static Signature sign(Bytes32 digest, ECKeyPair key) {
        Sign.SignatureData data = Sign.signMessage(digest.bytes(), key, false);
        byte[] bytes = new byte[65];
        System.arraycopy(data.getR(), 0, bytes, 0, 32);
        System.arraycopy(data.getS(), 0, bytes, 32, 32);
        bytes[64] = data.getV()[0];
        return Signature.of(bytes);
    }

    public static Address recover(Bytes32 digest, Signature signature) {
        byte[] bytes = signature.bytes();
        byte[] r = java.util.Arrays.copyOfRange(bytes, 0, 32);
        byte[] s = java.util.Arrays.copyOfRange(bytes, 32, 64);
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest.bytes(), new Sign.SignatureData(bytes[64], r, s));
            return Address.of(Keys.getAddress(publicKey));
        } catch (SignatureException e) {
            throw new IllegalArgumentException("signature does not recover", e);
        }
    }
}
