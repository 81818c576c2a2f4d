package io.flashback.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A servlet service with platform-security: what it lets through, what it refuses and how. */
@SpringBootTest(classes = ResourceServerTest.Service.class, properties = {
        "flashback.security.issuer=flashback-test",
        "flashback.security.public-paths=GET /catalogue/**"})
@AutoConfigureMockMvc
class ResourceServerTest {

    static final ECKey KEY = key();
    static final ECKey STRANGER = key();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Service {

        @Bean
        JWKSource<SecurityContext> keys() {
            return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
        }

        @Bean
        Endpoints endpoints() {
            return new Endpoints();
        }
    }

    @RestController
    static class Endpoints {

        @GetMapping("/catalogue/items")
        List<String> catalogue() {
            return List.of("open");
        }

        @GetMapping("/me")
        Map<String, Object> me(Authentication authentication) {
            Identity identity = Identity.of(authentication);
            return Map.of("subject", identity.subject(), "roles", identity.roles());
        }

        @PostMapping("/things")
        Map<String, String> change() {
            return Map.of("changed", "yes");
        }

        @PostMapping("/operations")
        @PreAuthorize("hasRole('OPERATOR')")
        Map<String, String> operate() {
            return Map.of("operated", "yes");
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aValidTokenNamesTheCallerAndItsRoles() throws Exception {
        mvc.perform(get("/me").header("Authorization", bearer(KEY, "flashback-test", List.of("PROVIDER"), "read write", Duration.ofMinutes(5))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("0xabc0000000000000000000000000000000000001"))
                .andExpect(jsonPath("$.roles[0]").value("PROVIDER"));
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallenge() throws Exception {
        mvc.perform(get("/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.instance").value("/me"));
    }

    @Test
    void expiredForeignAndOtherIssuersTokensAreRefused() throws Exception {
        mvc.perform(get("/me").header("Authorization", bearer(KEY, "flashback-test", List.of(), "read", Duration.ofMinutes(-5))))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/me").header("Authorization", bearer(STRANGER, "flashback-test", List.of(), "read", Duration.ofMinutes(5))))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/me").header("Authorization", bearer(KEY, "someone-else", List.of(), "read", Duration.ofMinutes(5))))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aReadOnlyTokenCannotChangeAnything() throws Exception {
        mvc.perform(post("/things").header("Authorization", bearer(KEY, "flashback-test", List.of("CONSUMER"), "read", Duration.ofMinutes(5))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/things").header("Authorization", bearer(KEY, "flashback-test", List.of("CONSUMER"), "read write", Duration.ofMinutes(5))))
                .andExpect(status().isOk());
    }

    @Test
    void rolesGuardMethods() throws Exception {
        mvc.perform(post("/operations").header("Authorization", bearer(KEY, "flashback-test", List.of("PROVIDER"), "read write", Duration.ofMinutes(5))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/operations").header("Authorization", bearer(KEY, "flashback-test", List.of("OPERATOR"), "read write", Duration.ofMinutes(5))))
                .andExpect(status().isOk());
    }

    @Test
    void healthAndConfiguredPublicPathsNeedNoToken() throws Exception {
        mvc.perform(get("/catalogue/items")).andExpect(status().isOk());
        mvc.perform(post("/catalogue/items")).andExpect(status().isUnauthorized());
    }

    private static String bearer(ECKey key, String issuer, List<String> roles, String scope, Duration validFor) throws Exception {
        Instant now = Instant.now();
        Instant issued = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofMinutes(10)) : now;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience("flashback").subject("0xabc0000000000000000000000000000000000001")
                        .issueTime(Date.from(issued)).expirationTime(Date.from(now.plus(validFor)))
                        .claim("roles", roles).claim("scope", scope).build());
        jwt.sign(new ECDSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(java.util.UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
