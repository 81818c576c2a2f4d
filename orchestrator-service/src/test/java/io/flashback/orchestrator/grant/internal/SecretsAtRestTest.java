package io.flashback.orchestrator.grant.internal;

import io.flashback.orchestrator.grant.S3Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grant secrets in the database are AES-256-GCM under the configured key, bound to their access key. */
class SecretsAtRestTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealsAndOpensASecretForItsAccessKeyOnly() {
        SecretsAtRest atRest = SecretsAtRest.fromBase64(KEY, new SecureRandom());
        S3Secret secret = S3Secret.generate(new SecureRandom());

        byte[] sealed = atRest.seal(secret, "FBAAAAAAAAAAAAAAAAAA");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.value());
        assertThat(atRest.open(sealed, "FBAAAAAAAAAAAAAAAAAA")).isEqualTo(secret);
        assertThatThrownBy(() -> atRest.open(sealed, "FBBBBBBBBBBBBBBBBBBB")).hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> SecretsAtRest.fromBase64(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), new SecureRandom()).open(sealed,
                "FBAAAAAAAAAAAAAAAAAA")).as("another key").hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aMissingKeyStopsTheStartWithWhatToSet() {
        assertThatThrownBy(() -> SecretsAtRest.fromBase64(null, new SecureRandom())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flashback.orchestrator.credentials.key is not set")
                .hasMessageContaining("FLASHBACK_ORCHESTRATOR_CREDENTIALS_KEY");
        assertThatThrownBy(() -> SecretsAtRest.fromBase64(" ", new SecureRandom())).hasMessageContaining("is not set");
    }

    @Test
    void aShortOrMalformedKeyStopsTheStart() {
        assertThatThrownBy(() -> SecretsAtRest.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds 16 bytes; AES-256 needs 32");
        assertThatThrownBy(() -> SecretsAtRest.fromBase64("not base64!", new SecureRandom())).hasMessageContaining("is not base64");
    }
}
