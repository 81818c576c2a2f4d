package io.flashback.registry.auth;

import com.nimbusds.jwt.SignedJWT;
import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static io.flashback.registry.RegistryFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the registry lists for the gateway to refuse: signed-out sessions and revoked API keys, until their tokens expire. */
class TokenRevocationListIT extends RegistryIntegrationTest {

    @Test // #13 L3
    void signingOutListsTheSessionItsAccessTokensName() throws Exception {
        Session session = fixtures().signIn(Wallet.generate(), clock.instant());
        String sid = SignedJWT.parse(session.accessToken()).getJWTClaimsSet().getStringClaim(Sessions.SESSION_ID);
        assertThat(sid).isNotBlank();
        assertThat(revocations().path("sessions").toString()).doesNotContain(sid);

        mvc.perform(post("/auth/sign-out").contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"" + session.refreshToken() + "\"}"))
                .andExpect(status().isNoContent());

        assertThat(revocations().path("sessions").toString()).contains(sid);
        clock.advance(Duration.ofMinutes(20));
        assertThat(revocations().path("sessions").toString()).as("dropped once its tokens have expired").doesNotContain(sid);
    }

    @Test // #13 L3
    void revokingAnApiKeyListsIt() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());
        JsonNode created = json(mvc.perform(post("/api-keys").header("Authorization", owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"job\",\"scopes\":[\"read\"]}")).andExpect(status().isCreated()));
        String keyId = created.path("id").asString();

        mvc.perform(delete("/api-keys/" + keyId).header("Authorization", owner.bearer())).andExpect(status().isNoContent());

        assertThat(revocations().path("apiKeys").toString()).contains(keyId);
    }

    private JsonNode revocations() throws Exception {
        return json(mvc.perform(get("/internal/token-revocations")).andExpect(status().isOk()));
    }
}
