package io.flashback.registry;

import io.flashback.registry.identity.Eip191;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Wallets with keys made in the test, signing in and registering through the HTTP API. */
public final class RegistryFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** anvil's first development account (a well-known test key), configured as operator. */
    public static final Wallet OPERATOR = new Wallet(Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").getEcKeyPair());

    private final MockMvc mvc;

    RegistryFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    public record Wallet(ECKeyPair key) {

        public static Wallet generate() {
            try {
                return new Wallet(Keys.createEcKeyPair());
            } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
                throw new IllegalStateException(e);
            }
        }

        public String address() {
            return "0x" + Keys.getAddress(key);
        }

        public String checksummed() {
            return Keys.toChecksumAddress(address());
        }

        public String sign(String message) {
            return Eip191.sign(message, key);
        }
    }

    public record Session(String accessToken, String refreshToken, JsonNode body) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    public static String siweMessage(String domain, String address, String uri, long chainId, String nonce, Instant issuedAt) {
        return domain + " wants you to sign in with your Ethereum account:\n" + address + "\n\nSign in to Flashback.\n\n"
                + "URI: " + uri + "\nVersion: 1\nChain ID: " + chainId + "\nNonce: " + nonce + "\nIssued At: "
                + issuedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    public String nonce() throws Exception {
        return json(mvc.perform(post("/auth/nonce")).andExpect(status().isOk())).path("nonce").asString();
    }

    public ResultActions attemptSignIn(String message, String signature) throws Exception {
        return mvc.perform(post("/auth/siwe").contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(java.util.Map.of("message", message, "signature", signature))));
    }

    public Session signIn(Wallet wallet, Instant now) throws Exception {
        String message = siweMessage(RegistryIntegrationTest.DOMAIN, wallet.checksummed(), RegistryIntegrationTest.ORIGIN + "/login",
                RegistryIntegrationTest.CHAIN_ID, nonce(), now);
        return session(json(attemptSignIn(message, wallet.sign(message)).andExpect(status().isOk())));
    }

    public Session refresh(String refreshToken) throws Exception {
        return session(json(mvc.perform(post("/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .content("{\"refreshToken\":\"" + refreshToken + "\"}")).andExpect(status().isOk())));
    }

    /** Registers {@code role} for the wallet and signs in again so that the token carries it. */
    public Session registered(Wallet wallet, String role, Instant now) throws Exception {
        Session session = signIn(wallet, now);
        mvc.perform(post("/accounts").header("Authorization", session.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"wallet\":\"" + wallet.address() + "\",\"role\":\"" + role + "\",\"displayName\":\"" + role.toLowerCase(Locale.ROOT) + " "
                        + wallet.address().substring(2, 8) + "\"}"))
                .andExpect(status().isCreated());
        return refresh(session.refreshToken());
    }

    public static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static Session session(JsonNode body) {
        return new Session(body.path("accessToken").asString(), body.path("refreshToken").asString(), body);
    }
}
