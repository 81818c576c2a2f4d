package io.flashback.orchestrator.order;

import io.flashback.orchestrator.OrchestratorIntegrationTest;
import io.flashback.orchestrator.agreement.AgreementState;
import io.flashback.orchestrator.agreement.Agreements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacingAnOrderFromASignedQuoteIT extends OrchestratorIntegrationTest {

    private static final String WALLET = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    @Autowired
    PlaceOrder placeOrder;
    @Autowired
    Orders orders;
    @Autowired
    Agreements agreements;

    @Test
    void signedQuoteWithTwoReplicasBecomesAnOrderOfTwoRequestedAgreements() {
        UUID consumer = UUID.randomUUID();
        String token = token(quoteJson(UUID.randomUUID(), Instant.now().plusSeconds(600), "99.9"), MARKETPLACE_KEY.getPrivate());

        Order order = placeOrder.place(consumer, WALLET, token, "CRYPTO");

        Order stored = orders.find(order.id()).orElseThrow();
        assertThat(stored.agreements()).hasSize(2).allSatisfy(agreement -> {
            assertThat(agreement.state()).isEqualTo(AgreementState.REQUESTED);
            assertThat(agreement.consumerId()).isEqualTo(consumer);
            assertThat(agreement.terms().availabilityTargetPct()).isEqualByComparingTo("99.9");
            assertThat(agreement.terms().creditFor(new BigDecimal("98"))).isEqualByComparingTo("25");
        });
        assertThat(stored.total()).isEqualByComparingTo("1.02");
        assertThat(agreements.history(stored.agreements().getFirst().id()).getFirst().reason()).contains("quote");
    }

    @Test
    void aQuoteBuysOnlyOnce() {
        String token = token(quoteJson(UUID.randomUUID(), Instant.now().plusSeconds(600), "99.9"), MARKETPLACE_KEY.getPrivate());
        placeOrder.place(UUID.randomUUID(), WALLET, token, "CRYPTO");

        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, token, "CRYPTO")).isInstanceOf(Orders.QuoteAlreadyUsed.class);
    }

    @Test
    void alteredExpiredOrForeignQuotesAreRefused() throws Exception {
        String json = quoteJson(UUID.randomUUID(), Instant.now().plusSeconds(600), "99.9");
        String token = token(json, MARKETPLACE_KEY.getPrivate());
        String cheaper = Base64.getUrlEncoder().withoutPadding().encodeToString(json.replace("\"total\":1.02", "\"total\":0.01")
                .getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        String expired = token(quoteJson(UUID.randomUUID(), Instant.now().minusSeconds(1), "99.9"), MARKETPLACE_KEY.getPrivate());
        String foreign = token(json, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());

        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, cheaper, "CRYPTO")).isInstanceOf(SignedQuotes.InvalidQuote.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, expired, "CRYPTO")).isInstanceOf(SignedQuotes.InvalidQuote.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, foreign, "CRYPTO")).isInstanceOf(SignedQuotes.InvalidQuote.class);
        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, "garbage", "CRYPTO")).isInstanceOf(SignedQuotes.InvalidQuote.class);
        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, token, "BARTER")).isInstanceOf(IllegalArgumentException.class);
        // USDC is paid through the escrow, not by invoice: a fiat order needs a quote in an accepted fiat currency
        assertThatThrownBy(() -> placeOrder.place(UUID.randomUUID(), WALLET, token, "FIAT")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A quote as the marketplace writes it (io.flashback.marketplace.quote.Quote as JSON). */
    static String quoteJson(UUID id, Instant expiresAt, String availability) {
        String line = """
                {"dataUnitId":"%s","providerId":"%s","nodeId":"node-%s","region":"eu-west","unitCurrency":"USDC",
                 "qos":{"availabilityPct":%s,"latencyMs":40,"uploadMbps":100,"downloadMbps":200,"errorRatePpm":100},
                 "storage":0.500000,"egress":0.000000,"subtotal":0.500000}""";
        return ("{\"id\":\"" + id + "\",\"lines\":[" + line.formatted(UUID.randomUUID(), UUID.randomUUID(), 1, availability) + ","
                + line.formatted(UUID.randomUUID(), UUID.randomUUID(), 2, availability) + "],\"capacityBytes\":53687091200,\"termDays\":30,"
                + "\"egressGbPerMonth\":0,\"currency\":\"USDC\",\"subtotal\":1.000000,\"platformFeeBps\":200,\"platformFee\":0.02,"
                + "\"total\":1.02,\"issuedAt\":\"" + expiresAt.minusSeconds(900) + "\",\"expiresAt\":\"" + expiresAt + "\"}")
                .replace("\n", "");
    }

    static String token(String json, PrivateKey key) {
        try {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(payload);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
