package io.flashback.registry.auth;

import io.flashback.registry.RegistryFixtures;
import io.flashback.registry.RegistryFixtures.Session;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Base64;

import static io.flashback.registry.RegistryFixtures.json;
import static io.flashback.registry.RegistryFixtures.siweMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sign-In with Ethereum end to end: nonce, signed message, tokens, refresh, expiry and key rotation. */
class WalletSignInIT extends RegistryIntegrationTest {

    @Test
    void walletSignsInAndItsTokenOpensTheApi() throws Exception {
        Wallet wallet = Wallet.generate();

        Session session = fixtures().signIn(wallet, clock.instant());

        assertThat(session.body().path("subject").asString()).isEqualTo(wallet.address());
        assertThat(session.body().path("expiresIn").asLong()).isEqualTo(900);
        JsonNode claims = claims(session.accessToken());
        assertThat(claims.path("sub").asString()).isEqualTo(wallet.address());
        assertThat(claims.path("iss").asString()).isEqualTo("flashback-test");
        assertThat(claims.path("scope").asString()).isEqualTo("read write admin");
        mvc.perform(get("/accounts/me").header("Authorization", session.bearer())).andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void operatorWalletGetsTheOperatorRole() throws Exception {
        Session session = fixtures().signIn(RegistryFixtures.OPERATOR, clock.instant());

        assertThat(claims(session.accessToken()).path("roles").toString()).contains("OPERATOR");
    }

    @Test
    void aNonceWorksOnce() throws Exception {
        Wallet wallet = Wallet.generate();
        String message = siweMessage(DOMAIN, wallet.checksummed(), ORIGIN + "/login", CHAIN_ID, fixtures().nonce(), clock.instant());
        fixtures().attemptSignIn(message, wallet.sign(message)).andExpect(status().isOk());

        fixtures().attemptSignIn(message, wallet.sign(message))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nonce")));
    }

    @Test
    void aNonceExpires() throws Exception {
        Wallet wallet = Wallet.generate();
        String nonce = fixtures().nonce();
        clock.advance(Duration.ofMinutes(6));
        String message = siweMessage(DOMAIN, wallet.checksummed(), ORIGIN + "/login", CHAIN_ID, nonce, clock.instant());

        fixtures().attemptSignIn(message, wallet.sign(message)).andExpect(status().isUnauthorized());
    }

    @Test
    void aNonceThisRegistryNeverIssuedIsRefused() throws Exception {
        Wallet wallet = Wallet.generate();
        String message = siweMessage(DOMAIN, wallet.checksummed(), ORIGIN + "/login", CHAIN_ID, "madeUpNonce12345", clock.instant());

        fixtures().attemptSignIn(message, wallet.sign(message)).andExpect(status().isUnauthorized());
    }

    @Test
    void aMessageForAnotherDomainOrChainIsRefusedAndKeepsItsNonce() throws Exception {
        Wallet wallet = Wallet.generate();
        String nonce = fixtures().nonce();
        String phished = siweMessage("evil.example", wallet.checksummed(), "https://evil.example/login", CHAIN_ID, nonce, clock.instant());
        fixtures().attemptSignIn(phished, wallet.sign(phished)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Sign-in rejected"));
        String otherChain = siweMessage(DOMAIN, wallet.checksummed(), ORIGIN + "/login", 1, nonce, clock.instant());
        fixtures().attemptSignIn(otherChain, wallet.sign(otherChain)).andExpect(status().isUnauthorized());

        String valid = siweMessage(DOMAIN, wallet.checksummed(), ORIGIN + "/login", CHAIN_ID, nonce, clock.instant());
        fixtures().attemptSignIn(valid, wallet.sign(valid)).andExpect(status().isOk());
    }

    @Test
    void aMessageSignedByAnotherKeyIsRefused() throws Exception {
        Wallet wallet = Wallet.generate();
        String message = siweMessage(DOMAIN, wallet.checksummed(), ORIGIN + "/login", CHAIN_ID, fixtures().nonce(), clock.instant());

        fixtures().attemptSignIn(message, Wallet.generate().sign(message)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("signed by")));
    }

    @Test
    void aMalformedMessageIsABadRequest() throws Exception {
        fixtures().attemptSignIn("sign me", "0x" + "11".repeat(65)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid sign-in message"));
    }

    @Test
    void refreshRotatesTheRefreshTokenAndAReusedOneRevokesTheSession() throws Exception {
        Session first = fixtures().signIn(Wallet.generate(), clock.instant());

        Session second = fixtures().refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());

        mvc.perform(post("/auth/refresh").contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"" + first.refreshToken() + "\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("already used")));
        mvc.perform(post("/auth/refresh").contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"" + second.refreshToken() + "\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("revoked")));
    }

    @Test
    void anExpiredAccessTokenIsRefusedWithProblemDetails() throws Exception {
        clock.advance(Duration.ofMinutes(-16));
        Session session = fixtures().signIn(Wallet.generate(), clock.instant());
        clock.reset();

        mvc.perform(get("/accounts/me").header("Authorization", session.bearer()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unauthorized"));
    }

    @Test
    void aRequestWithoutTokenIsRefusedButHealthAndKeysAreOpen() throws Exception {
        mvc.perform(get("/accounts/me")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/.well-known/jwks.json")).andExpect(status().isOk()).andExpect(jsonPath("$.keys[0].kty").value("EC"))
                .andExpect(jsonPath("$.keys[0].crv").value("P-256")).andExpect(jsonPath("$.keys[0].d").doesNotExist());
    }

    @Test
    void afterRotationOldTokensStayValidUntilTheirKeyLeavesTheJwks() throws Exception {
        Session before = fixtures().signIn(Wallet.generate(), clock.instant());
        String oldKid = joseHeader(before.accessToken()).path("kid").asString();
        Session operator = fixtures().signIn(RegistryFixtures.OPERATOR, clock.instant());

        String newKid = json(mvc.perform(post("/signing-keys/rotation").header("Authorization", operator.bearer())).andExpect(status().isOk()))
                .path("kid").asString();

        Session after = fixtures().signIn(Wallet.generate(), clock.instant());
        assertThat(joseHeader(after.accessToken()).path("kid").asString()).isEqualTo(newKid).isNotEqualTo(oldKid);
        mvc.perform(get("/accounts/me").header("Authorization", before.bearer())).andExpect(status().isOk());
        assertThat(jwksKids()).contains(oldKid, newKid);

        clock.advance(Duration.ofMinutes(17));
        assertThat(jwksKids()).contains(newKid).doesNotContain(oldKid);
    }

    @Test
    void onlyAnOperatorRotatesTheKey() throws Exception {
        Session session = fixtures().signIn(Wallet.generate(), clock.instant());

        mvc.perform(post("/signing-keys/rotation").header("Authorization", session.bearer())).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private String jwksKids() throws Exception {
        // the key set is cached for ten seconds; past that the test clock makes it reload
        clock.advance(Duration.ofSeconds(11));
        return json(mvc.perform(get("/.well-known/jwks.json"))).path("keys").findValuesAsString("kid").toString();
    }

    private static JsonNode claims(String token) {
        return RegistryFixtures.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static JsonNode joseHeader(String token) {
        return RegistryFixtures.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }
}
