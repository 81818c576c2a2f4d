package io.flashback.chain.eip712;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * EIP-712 encoding of struct members (https://eips.ethereum.org/EIPS/eip-712#definition-of-encodedata):
 * every member becomes one 32-byte word; strings and bytes are replaced by their keccak256.
 */
public final class TypedData {

    private TypedData() {
    }

    public static byte[] typeHash(String encodedType) {
        return Hash.sha3(encodedType.getBytes(StandardCharsets.UTF_8));
    }

    /** hashStruct(s) = keccak256(typeHash ‖ encodeData(s)); {@code words} are the encoded members. */
    public static Bytes32 hashStruct(String encodedType, byte[]... words) {
        byte[][] all = new byte[words.length + 1][];
        all[0] = typeHash(encodedType);
        System.arraycopy(words, 0, all, 1, words.length);
        return Bytes32.of(Hash.sha3(concat(all)));
    }

    public static byte[] uint(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        return Numeric.toBytesPadded(value, 32);
    }

    public static byte[] address(Address address) {
        return Numeric.toBytesPadded(Numeric.toBigInt(address.value()), 32);
    }

    public static byte[] bytes32(Bytes32 word) {
        return word.bytes();
    }

    public static byte[] hashString(String value) {
        return Hash.sha3(value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
