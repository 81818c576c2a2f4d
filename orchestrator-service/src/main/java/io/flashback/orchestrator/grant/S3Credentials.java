package io.flashback.orchestrator.grant;

import java.util.random.RandomGenerator;

/**
 * An access key id and its secret, as S3 clients are configured with them.
 *
 * @param accessKeyId {@code FB} and 18 upper-case base32 characters (20 like AWS's, 90 random bits): the
 *                    prefix tells a Flashback key from an AWS one in a consumer's configuration
 */
public record S3Credentials(String accessKeyId, S3Secret secret) {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static S3Credentials generate(RandomGenerator random) {
        StringBuilder key = new StringBuilder("FB");
        for (int i = 0; i < 18; i++) {
            key.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        return new S3Credentials(key.toString(), S3Secret.generate(random));
    }
}
