package io.flashback.registry.identity;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ERC-191 personal_sign signatures made with secp256k1 keys generated in the test. */
class Eip191Test {

    @Test
    void recoversTheAddressOfTheKeyThatSignedTheSpecificationsExample() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();

        String signature = Eip191.sign(SiweMessageTest.SPEC_IMPLICIT_SCHEME, key);

        assertThat(Eip191.recover(SiweMessageTest.SPEC_IMPLICIT_SCHEME, signature)).isEqualTo("0x" + Keys.getAddress(key));
    }

    @Test
    void recoversTheUncompressedPublicKeyOfTheSigner() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();

        String publicKey = Eip191.recoverPublicKey("Flashback bridge node token request", Eip191.sign("Flashback bridge node token request", key));

        assertThat(publicKey).isEqualTo("0x04" + Numeric.toHexStringNoPrefixZeroPadded(key.getPublicKey(), 128)).hasSize(2 + 130);
        assertThat(Eip191.addressOf(publicKey)).isEqualTo("0x" + Keys.getAddress(key));
    }

    @Test
    void aChangedMessageRecoversAnotherAddress() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String signature = Eip191.sign("Chain ID: 1", key);

        assertThat(Eip191.recover("Chain ID: 2", signature)).isNotEqualTo("0x" + Keys.getAddress(key));
    }

    @Test
    void acceptsVAsZeroOrOne() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        String signature = Eip191.sign("hello", key);
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        bytes[64] -= 27;

        assertThat(Eip191.recover("hello", Numeric.toHexString(bytes))).isEqualTo("0x" + Keys.getAddress(key));
    }

    @Test
    void rejectsTheMalleableHighSTwinOfAValidSignature() throws Exception {
        ECKeyPair key = Keys.createEcKeyPair();
        byte[] bytes = Numeric.hexStringToByteArray(Eip191.sign("hello", key));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64));
        System.arraycopy(Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32), 0, bytes, 32, 32);
        bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);

        assertThatThrownBy(() -> Eip191.recover("hello", Numeric.toHexString(bytes))).isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("EIP-2");
    }

    @Test
    void rejectsMalformedSignatures() {
        assertThatThrownBy(() -> Eip191.recover("hello", "0x1234")).isInstanceOf(InvalidSignature.class);
        assertThatThrownBy(() -> Eip191.recover("hello", "0x" + "00".repeat(64) + "1f")).isInstanceOf(InvalidSignature.class);
    }
}
