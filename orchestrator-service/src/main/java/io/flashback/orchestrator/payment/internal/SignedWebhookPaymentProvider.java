package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.Money;
import io.flashback.orchestrator.payment.PaymentProvider;
import io.flashback.orchestrator.payment.ProviderEvent;
import io.flashback.orchestrator.payment.WebhookRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A generic payment provider: whatever takes the consumer's money (a payment processor, a bank integration, an
 * operator's tool) reports it to the orchestrator with webhooks signed by a shared secret. The scheme follows
 * Stripe's (https://docs.stripe.com/webhooks#verify-manually):
 * <pre>
 *   Flashback-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + raw body)&gt;[,v1=…]
 * </pre>
 * The signature covers the timestamp, so a captured call cannot be replayed later than the tolerance (and within
 * it the event id repeats, which the orchestrator takes once); several {@code v1} values allow rolling the secret.
 * Signatures are compared in constant time. Bodies are JSON:
 * <pre>
 *   {"id":"evt_1","type":"invoice.paid","created":1767225600,"data":{"invoice":"inv_…","amount":"12.50","currency":"USD"}}
 *   {"id":"evt_2","type":"refund.completed","data":{"refund":"rf_…"}}
 *   {"id":"evt_3","type":"refund.failed","data":{"refund":"rf_…","reason":"account closed"}}
 * </pre>
 * Amounts are decimal strings, never floating-point numbers. There is no provider API behind it: invoices and
 * refunds get references here, and whoever moves the money confirms with a webhook naming them.
 */
final class SignedWebhookPaymentProvider implements PaymentProvider {

    static final String NAME = "signed-webhook";
    static final String SIGNATURE_HEADER = "Flashback-Signature";
    private static final int MAX_HEADER = 1024;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    /** @param secret the shared webhook secret; without one every webhook is refused as fiat payments are off */
    SignedWebhookPaymentProvider(String secret, Duration tolerance, Clock clock) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IssuedInvoice createInvoice(UUID orderId, UUID consumerId, Money amount) {
        String reference = "inv_" + orderId;
        return new IssuedInvoice(reference, "Pay " + amount + " through the platform's payment processor quoting reference " + reference
                + "; the processor confirms the payment to the platform, and the agreements start once the whole amount has arrived.");
    }

    @Override
    public String refund(UUID refundId, String invoiceReference, Money amount, String reason) {
        // No API to call: the reference is what the confirming webhook names, derived from the refund id so a retry is the same refund.
        return "rf_" + refundId;
    }

    @Override
    public ProviderEvent verify(WebhookRequest request) {
        if (secret == null) {
            throw new FiatPaymentsUnavailable("fiat payments are not set up on this orchestrator: no webhook secret is configured");
        }
        String header = request.header(SIGNATURE_HEADER).orElseThrow(() -> new WebhookRejected("the " + SIGNATURE_HEADER + " header is missing"));
        if (header.length() > MAX_HEADER) {
            throw new WebhookRejected("the " + SIGNATURE_HEADER + " header is too long");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw new WebhookRejected("the " + SIGNATURE_HEADER + " header has more than one timestamp");
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches() || signatures.isEmpty()) {
            throw new WebhookRejected("the " + SIGNATURE_HEADER + " header needs t=<unix seconds> and v1=<hex HMAC-SHA256>");
        }
        byte[] expected = hmac(timestamp, request.body());
        boolean authentic = false;
        for (String signature : signatures) {
            // every well-formed candidate is compared in full, in constant time, so timing tells nothing about the expected value
            if (SIGNATURE.matcher(signature).matches()) {
                authentic |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
            }
        }
        if (!authentic) {
            throw new WebhookRejected("the webhook's signature does not verify");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw new WebhookRejected("the webhook was signed at " + signedAt + ", outside the " + tolerance.toMinutes()
                    + " min tolerance (a replay, or a clock that is off)");
        }
        return event(request.body(), signedAt);
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static ProviderEvent event(byte[] body, Instant signedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedWebhook("the webhook body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhook("the webhook body is not a JSON object");
        }
        String id = text(root, "id", EVENT_ID);
        String type = text(root, "type", Pattern.compile("[a-z_.]{1,60}"));
        Instant occurredAt = root.path("created").isIntegralNumber() ? Instant.ofEpochSecond(root.path("created").asLong()) : signedAt;
        JsonNode data = root.path("data");
        return switch (type) {
            case "invoice.paid" -> new ProviderEvent.InvoicePaid(id, occurredAt, text(data, "invoice", REFERENCE), money(data));
            case "refund.completed" -> new ProviderEvent.RefundCompleted(id, occurredAt, text(data, "refund", REFERENCE));
            case "refund.failed" -> new ProviderEvent.RefundFailed(id, occurredAt, text(data, "refund", REFERENCE),
                    data.path("reason").isString() && !data.path("reason").asString().isBlank()
                            ? abbreviate(data.path("reason").asString()) : "no reason given");
            default -> new ProviderEvent.Unhandled(id, occurredAt, type);
        };
    }

    private static Money money(JsonNode data) {
        if (!data.path("amount").isString()) {
            throw new MalformedWebhook("data.amount must be a decimal string such as \"12.50\"");
        }
        try {
            Money amount = Money.of(data.path("amount").asString(), text(data, "currency", Pattern.compile("[A-Z][A-Z0-9]{1,11}")));
            if (!amount.isPositive()) {
                throw new MalformedWebhook("data.amount must be positive");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new MalformedWebhook("data.amount is not a decimal number");
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhook("data.amount: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, Pattern allowed) {
        JsonNode value = node.path(field);
        if (!value.isString() || !allowed.matcher(value.asString()).matches()) {
            throw new MalformedWebhook(field + " is missing or not of the form " + allowed.pattern());
        }
        return value.asString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
