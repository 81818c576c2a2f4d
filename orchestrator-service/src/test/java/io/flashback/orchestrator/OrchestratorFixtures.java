package io.flashback.orchestrator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Signed quotes as the marketplace writes them (io.flashback.marketplace.quote.Quote as JSON). */
public final class OrchestratorFixtures {

    private OrchestratorFixtures() {
    }

    /** A one-replica quote for {@code capacityBytes} over {@code termDays} on the provider's node, signed by the marketplace key. */
    public static String quote(UUID providerId, String nodeId, long capacityBytes, int termDays, BigDecimal price) {
        String json = ("{\"id\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"dataUnitId\":\"" + UUID.randomUUID() + "\",\"providerId\":\""
                + providerId + "\",\"nodeId\":\"" + nodeId + "\",\"region\":\"eu-west\",\"unitCurrency\":\"USDC\",\"qos\":{\"availabilityPct\":99.9,"
                + "\"latencyMs\":40,\"uploadMbps\":100,\"downloadMbps\":200,\"errorRatePpm\":100},\"storage\":" + price + ",\"egress\":0,"
                + "\"subtotal\":" + price + "}],\"capacityBytes\":" + capacityBytes + ",\"termDays\":" + termDays + ",\"egressGbPerMonth\":0,"
                + "\"currency\":\"USDC\",\"subtotal\":" + price + ",\"platformFeeBps\":0,\"platformFee\":0,\"total\":" + price + ",\"issuedAt\":\""
                + Instant.now() + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(600) + "\"}");
        return sign(json, OrchestratorIntegrationTest.MARKETPLACE_KEY.getPrivate());
    }

    public static String sign(String json, PrivateKey key) {
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
