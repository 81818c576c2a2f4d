package io.flashback.registry.identity;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EIP-4361 messages, starting with the specification's own examples (https://eips.ethereum.org/EIPS/eip-4361#examples). */
class SiweMessageTest {

    private static final String BODY = """
            0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

            I accept the ExampleOrg Terms of Service: https://example.com/tos

            URI: https://example.com/login
            Version: 1
            Chain ID: 1
            Nonce: 32891756
            Issued At: 2021-09-30T16:25:24Z
            Resources:
            - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
            - https://example.com/my-web2-claim.json""";

    static final String SPEC_IMPLICIT_SCHEME = "example.com wants you to sign in with your Ethereum account:\n" + BODY;
    static final String SPEC_EXPLICIT_PORT = "example.com:3388 wants you to sign in with your Ethereum account:\n" + BODY;
    static final String SPEC_EXPLICIT_SCHEME = "https://example.com wants you to sign in with your Ethereum account:\n" + BODY;

    @Test
    void readsEveryFieldOfTheSpecificationsExample() {
        SiweMessage message = SiweMessage.parse(SPEC_IMPLICIT_SCHEME);

        assertThat(message.scheme()).isEmpty();
        assertThat(message.domain()).isEqualTo("example.com");
        assertThat(message.address()).isEqualTo("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
        assertThat(message.wallet()).isEqualTo("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
        assertThat(message.statement()).contains("I accept the ExampleOrg Terms of Service: https://example.com/tos");
        assertThat(message.uri()).isEqualTo(URI.create("https://example.com/login"));
        assertThat(message.version()).isEqualTo("1");
        assertThat(message.chainId()).isEqualTo(1);
        assertThat(message.nonce()).isEqualTo("32891756");
        assertThat(message.issuedAt()).isEqualTo(Instant.parse("2021-09-30T16:25:24Z"));
        assertThat(message.expirationTime()).isEmpty();
        assertThat(message.notBefore()).isEmpty();
        assertThat(message.requestId()).isEmpty();
        assertThat(message.resources()).containsExactly(
                "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/", "https://example.com/my-web2-claim.json");
    }

    @Test
    void readsTheSpecificationsExamplesWithAPortAndWithAScheme() {
        assertThat(SiweMessage.parse(SPEC_EXPLICIT_PORT).domain()).isEqualTo("example.com:3388");
        SiweMessage withScheme = SiweMessage.parse(SPEC_EXPLICIT_SCHEME);
        assertThat(withScheme.scheme()).contains("https");
        assertThat(withScheme.domain()).isEqualTo("example.com");
    }

    @Test
    void readsAMessageWithoutStatementAndWithEveryOptionalField() {
        SiweMessage message = SiweMessage.parse("""
                app.flashback.io wants you to sign in with your Ethereum account:
                0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2


                URI: https://app.flashback.io/login
                Version: 1
                Chain ID: 31337
                Nonce: abcDEF123456
                Issued At: 2026-11-23T10:00:00.000Z
                Expiration Time: 2026-11-23T10:10:00Z
                Not Before: 2026-11-23T09:59:00+00:00
                Request ID: req-1""");

        assertThat(message.statement()).isEmpty();
        assertThat(message.chainId()).isEqualTo(31337);
        assertThat(message.expirationTime()).contains(Instant.parse("2026-11-23T10:10:00Z"));
        assertThat(message.notBefore()).contains(Instant.parse("2026-11-23T09:59:00Z"));
        assertThat(message.requestId()).isEqualTo(Optional.of("req-1"));
        assertThat(message.resources()).isEqualTo(List.of());
    }

    @Test
    void rejectsAnAddressWithoutItsEip55Checksum() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME.replace("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cC2")))
                .isInstanceOf(InvalidSiweMessage.class).hasMessageContaining("EIP-55");
    }

    @Test
    void rejectsANonceShorterThanEightCharacters() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME.replace("Nonce: 32891756", "Nonce: 1234567")))
                .isInstanceOf(InvalidSiweMessage.class).hasMessageContaining("Nonce");
    }

    @Test
    void rejectsAnotherVersion() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME.replace("Version: 1", "Version: 2")))
                .isInstanceOf(InvalidSiweMessage.class).hasMessageContaining("Version");
    }

    @Test
    void rejectsFieldsOutOfOrder() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME.replace("Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1")))
                .isInstanceOf(InvalidSiweMessage.class);
    }

    @Test
    void rejectsTextAfterTheLastField() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME + "\nsomething else"))
                .isInstanceOf(InvalidSiweMessage.class).hasMessageContaining("unexpected text");
    }

    @Test
    void rejectsATimeThatIsNotRfc3339() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME.replace("2021-09-30T16:25:24Z", "30/09/2021 16:25")))
                .isInstanceOf(InvalidSiweMessage.class).hasMessageContaining("RFC 3339");
    }

    @Test
    void rejectsAMissingBlankLine() {
        assertThatThrownBy(() -> SiweMessage.parse(SPEC_IMPLICIT_SCHEME.replace("Service: https://example.com/tos\n\nURI", "Service: https://example.com/tos\nURI")))
                .isInstanceOf(InvalidSiweMessage.class);
    }

    @Test
    void rejectsSomethingElseEntirely() {
        assertThatThrownBy(() -> SiweMessage.parse("please sign this")).isInstanceOf(InvalidSiweMessage.class);
        assertThatThrownBy(() -> SiweMessage.parse("x".repeat(5000))).isInstanceOf(InvalidSiweMessage.class);
    }
}
