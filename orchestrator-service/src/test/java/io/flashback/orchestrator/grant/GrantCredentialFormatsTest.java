package io.flashback.orchestrator.grant;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What consumers configure their S3 clients with. */
class GrantCredentialFormatsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void accessKeyIdsAreFbAndEighteenBase32Characters() {
        S3Credentials credentials = S3Credentials.generate(random);

        assertThat(credentials.accessKeyId()).matches("FB[A-Z2-7]{18}");
        assertThat(S3Credentials.generate(random).accessKeyId()).isNotEqualTo(credentials.accessKeyId());
    }

    @Test
    void secretsAreFortyLettersAndDigitsAndNeverPrinted() {
        S3Secret secret = S3Secret.generate(random);

        assertThat(secret.value()).matches("[A-Za-z0-9]{40}");
        assertThat(secret.toString()).doesNotContain(secret.value());
        assertThat(S3Credentials.generate(random).toString()).doesNotContainPattern("[A-Za-z0-9]{40}");
    }

    @Test
    void theBucketIsAValidS3NameDerivedFromTheAgreement() {
        UUID agreement = UUID.randomUUID();

        assertThat(DataAccessGrant.bucketOf(agreement)).isEqualTo("fb-" + agreement).matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    }
}
