package io.flashback.registry.apikey;

import io.flashback.registry.RegistryFixtures;
import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

import static io.flashback.registry.RegistryFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** API keys: shown once, stored hashed, scoped, exchanged for tokens, revoked by their owner only. */
class ApiKeysIT extends RegistryIntegrationTest {

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsDigest() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());

        JsonNode created = json(create(owner, "backup job", "read", "write").andExpect(status().isCreated()));
        String apiKey = created.path("apiKey").asString();

        assertThat(apiKey).startsWith(created.path("id").asString() + ".");
        String stored = jdbc.sql("select encode(secret_hash, 'hex') from api_key where id = ?").param(created.path("id").asString())
                .query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain(apiKey.substring(apiKey.indexOf('.') + 1));
        mvc.perform(get("/api-keys").header("Authorization", owner.bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("backup job"))
                .andExpect(jsonPath("$[0].apiKey").doesNotExist());
    }

    @Test
    void aKeyIsExchangedForATokenCarryingOnlyItsScopes() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());
        String apiKey = json(create(owner, "reader", "read")).path("apiKey").asString();

        JsonNode token = json(exchange(apiKey).andExpect(status().isOk()));

        assertThat(token.path("scopes").toString()).isEqualTo("[\"read\"]");
        String bearer = "Bearer " + token.path("accessToken").asString();
        mvc.perform(get("/accounts/me").header("Authorization", bearer)).andExpect(status().isOk());
        mvc.perform(post("/accounts").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"wallet\":\"" + owner.body().path("subject").asString() + "\",\"role\":\"CONSUMER\",\"displayName\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api-keys").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"more\",\"scopes\":[\"read\"]}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aWriteKeyMayChangeThingsButNotManageKeys() throws Exception {
        Wallet wallet = Wallet.generate();
        Session owner = fixtures().signIn(wallet, clock.instant());
        String apiKey = json(create(owner, "writer", "read", "write")).path("apiKey").asString();
        String bearer = "Bearer " + json(exchange(apiKey)).path("accessToken").asString();

        mvc.perform(post("/accounts").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"wallet\":\"" + wallet.address() + "\",\"role\":\"CONSUMER\",\"displayName\":\"Program\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api-keys").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"more\",\"scopes\":[\"read\"]}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.title").value("Admin scope needed"));
    }

    @Test
    void aRevokedKeyIsNoLongerExchanged() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());
        JsonNode created = json(create(owner, "old", "read"));

        mvc.perform(delete("/api-keys/" + created.path("id").asString()).header("Authorization", owner.bearer())).andExpect(status().isNoContent());

        exchange(created.path("apiKey").asString()).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value("the API key has been revoked"));
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());
        String apiKey = json(create(owner, "k", "read")).path("apiKey").asString();
        String tampered = apiKey.substring(0, apiKey.length() - 1) + (apiKey.endsWith("A") ? "B" : "A");

        exchange(tampered).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.title").value("Invalid API key"));
    }

    @Test
    void anotherWalletNeitherSeesNorRevokesTheKey() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());
        Session stranger = fixtures().signIn(Wallet.generate(), clock.instant());
        JsonNode created = json(create(owner, "mine", "read"));

        mvc.perform(get("/api-keys").header("Authorization", stranger.bearer())).andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
        mvc.perform(delete("/api-keys/" + created.path("id").asString()).header("Authorization", stranger.bearer())).andExpect(status().isNotFound());
        exchange(created.path("apiKey").asString()).andExpect(status().isOk());
    }

    @Test
    void unknownScopesAreRefused() throws Exception {
        Session owner = fixtures().signIn(Wallet.generate(), clock.instant());

        create(owner, "k", "root").andExpect(status().isBadRequest());
    }

    private ResultActions create(Session owner, String name, String... scopes) throws Exception {
        return mvc.perform(post("/api-keys").header("Authorization", owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(RegistryFixtures.JSON.writeValueAsString(java.util.Map.of("name", name, "scopes", scopes))));
    }

    private ResultActions exchange(String apiKey) throws Exception {
        return mvc.perform(post("/auth/api-key-token").contentType(MediaType.APPLICATION_JSON).content("{\"apiKey\":\"" + apiKey + "\"}"));
    }
}
