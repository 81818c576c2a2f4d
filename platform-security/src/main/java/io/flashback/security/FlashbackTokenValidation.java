package io.flashback.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

import java.time.Duration;

/** What makes a registry token acceptable besides its ES256 signature: time window, issuer, audience. */
public final class FlashbackTokenValidation {

    private FlashbackTokenValidation() {
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew) {
        return JwtValidators.createDefaultWithValidators(
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience));
    }
}
