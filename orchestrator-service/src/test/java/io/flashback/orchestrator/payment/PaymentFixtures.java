package io.flashback.orchestrator.payment;

import io.flashback.orchestrator.OrchestratorFixtures;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Webhooks as the signed-webhook payment provider sends them, and fiat quotes as the marketplace signs them. */
public final class PaymentFixtures {

    private PaymentFixtures() {
    }

    /** The {@code Flashback-Signature} header value: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. */
    public static String signature(String secret, Instant at, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String t = Long.toString(at.getEpochSecond());
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String invoicePaid(String eventId, String invoiceReference, String amount, String currency) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"invoice.paid\",\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"invoice\":\""
                + invoiceReference + "\",\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}}";
    }

    public static String refundCompleted(String eventId, String refundReference) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"refund.completed\",\"data\":{\"refund\":\"" + refundReference + "\"}}";
    }

    /**
     * A one-replica quote priced in a fiat currency with the marketplace's platform fee on top, signed with the
     * marketplace's key.
     */
    public static String fiatQuote(UUID providerId, String nodeId, long capacityBytes, int termDays, BigDecimal price, BigDecimal fee,
                                   String currency, PrivateKey marketplaceKey) {
        BigDecimal total = price.add(fee);
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"dataUnitId\":\"" + UUID.randomUUID() + "\",\"providerId\":\"" + providerId
                + "\",\"nodeId\":\"" + nodeId + "\",\"region\":\"eu-west\",\"unitCurrency\":\"" + currency + "\",\"qos\":{\"availabilityPct\":99.9,"
                + "\"latencyMs\":40,\"uploadMbps\":100,\"downloadMbps\":200,\"errorRatePpm\":100},\"storage\":" + price + ",\"egress\":0,"
                + "\"subtotal\":" + price + "}],\"capacityBytes\":" + capacityBytes + ",\"termDays\":" + termDays + ",\"egressGbPerMonth\":0,"
                + "\"currency\":\"" + currency + "\",\"subtotal\":" + price + ",\"platformFeeBps\":200,\"platformFee\":" + fee + ",\"total\":" + total
                + ",\"issuedAt\":\"" + Instant.now() + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(600) + "\"}";
        return OrchestratorFixtures.sign(json, marketplaceKey);
    }
}
