package io.flashback.chain.eip712;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.Signature;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of EIP-712 (https://eips.ethereum.org/EIPS/eip-712, "Example" / Example.js). */
class Eip712VectorsTest {

    private static final Eip712Domain ETHER_MAIL = new Eip712Domain("Ether Mail", "1", 1,
            Address.of("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
    private static final String PERSON = "Person(string name,address wallet)";
    private static final String MAIL = "Mail(Person from,Person to,string contents)" + PERSON;

    private static Bytes32 person(String name, String wallet) {
        return TypedData.hashStruct(PERSON, TypedData.hashString(name), TypedData.address(Address.of(wallet)));
    }

    private static Bytes32 mail() {
        return TypedData.hashStruct(MAIL,
                person("Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826").bytes(),
                person("Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB").bytes(),
                TypedData.hashString("Hello, Bob!"));
    }

    @Test
    void computesTheDomainSeparatorStructHashAndDigestOfTheSpecExample() {
        assertThat(ETHER_MAIL.separator()).isEqualTo(new Bytes32("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"));
        assertThat(mail()).isEqualTo(new Bytes32("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"));
        assertThat(ETHER_MAIL.digest(mail())).isEqualTo(new Bytes32("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"));
    }

    @Test
    void signsTheSpecExampleLikeTheSpec() {
        ECKeyPair cow = ECKeyPair.create(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)));
        Signature signature = Eip712Signer.sign(ETHER_MAIL.digest(mail()), cow);

        assertThat(signature.value()).isEqualTo("0x"
                + "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
                + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"
                + "1c");
        assertThat(Eip712Signer.recover(ETHER_MAIL.digest(mail()), signature))
                .isEqualTo(Address.of("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"));
        assertThat(Numeric.toHexString(new byte[] {signature.bytes()[64]})).isEqualTo("0x1c");
    }
}
