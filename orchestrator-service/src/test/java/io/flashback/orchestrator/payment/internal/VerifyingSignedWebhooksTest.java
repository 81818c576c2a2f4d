package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.Money;
import io.flashback.orchestrator.payment.PaymentProvider;
import io.flashback.orchestrator.payment.ProviderEvent;
import io.flashback.orchestrator.payment.WebhookRequest;
import io.flashback.orchestrator.payment.PaymentFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signed-webhook provider's check of who sent a webhook and when (Flashback-Signature, HMAC-SHA256). */
class VerifyingSignedWebhooksTest {

    private static final String SECRET = "whsec-test-0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.ofEpochSecond(1_767_225_600);
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"created\":1767225600,\"data\":{\"invoice\":"
            + "\"inv_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\",\"amount\":\"12.50\",\"currency\":\"USD\"}}";

    private final SignedWebhookPaymentProvider provider = provider(NOW);

    @Test
    void acceptsTheSignatureOpensslComputesForTheTimestampAndRawBody() {
        // printf '%s' "1767225600.$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex
        String signature = "t=1767225600,v1=6b0d965b56eef408089ffda2dd13c80806bf2e2353dd4b3ca8a965cc35743d33";

        ProviderEvent event = provider.verify(request(signature, BODY));

        assertThat(event).isEqualTo(new ProviderEvent.InvoicePaid("evt_1", NOW, "inv_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Money.of("12.50", "USD")));
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        String signature = PaymentFixtures.signature(SECRET, NOW, BODY);

        assertThatThrownBy(() -> provider.verify(request(signature, BODY.replace("12.50", "1250.00"))))
                .isInstanceOf(PaymentProvider.WebhookRejected.class).hasMessageContaining("does not verify");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String signature = PaymentFixtures.signature("another-secret-0123456789abcdef0123456789", NOW, BODY);

        assertThatThrownBy(() -> provider.verify(request(signature, BODY))).isInstanceOf(PaymentProvider.WebhookRejected.class);
    }

    @Test
    void rejectsTimestampsOutsideFiveMinutesEitherWay() {
        String old = PaymentFixtures.signature(SECRET, NOW.minusSeconds(301), BODY);
        String future = PaymentFixtures.signature(SECRET, NOW.plusSeconds(301), BODY);
        String edge = PaymentFixtures.signature(SECRET, NOW.minusSeconds(300), BODY);

        assertThatThrownBy(() -> provider.verify(request(old, BODY))).isInstanceOf(PaymentProvider.WebhookRejected.class)
                .hasMessageContaining("outside the 5 min tolerance");
        assertThatThrownBy(() -> provider.verify(request(future, BODY))).isInstanceOf(PaymentProvider.WebhookRejected.class);
        assertThat(provider.verify(request(edge, BODY)).eventId()).isEqualTo("evt_1");
    }

    @Test
    void rejectsAReSignedTimestampWithTheOldSignature() {
        // the timestamp is part of what is signed: moving it forward to pass the tolerance breaks the signature
        String stale = PaymentFixtures.signature(SECRET, NOW.minusSeconds(3600), BODY);
        String moved = stale.replace("t=" + NOW.minusSeconds(3600).getEpochSecond(), "t=" + NOW.getEpochSecond());

        assertThatThrownBy(() -> provider.verify(request(moved, BODY))).isInstanceOf(PaymentProvider.WebhookRejected.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void acceptsAnyOfSeveralSignaturesSoTheSecretCanBeRolled() {
        String old = PaymentFixtures.signature("the-previous-secret-0123456789abcdef0123", NOW, BODY);
        String current = PaymentFixtures.signature(SECRET, NOW, BODY);

        String both = old + "," + current.substring(current.indexOf("v1="));

        assertThat(provider.verify(request(both, BODY)).eventId()).isEqualTo("evt_1");
    }

    @Test
    void rejectsAMissingOrMalformedSignatureHeader() {
        for (String header : new String[] {"", "v1=abc", "t=1767225600", "t=soon,v1=" + "0".repeat(64), "t=1,t=2,v1=" + "0".repeat(64)}) {
            assertThatThrownBy(() -> provider.verify(request(header, BODY))).as(header).isInstanceOf(PaymentProvider.WebhookRejected.class);
        }
        assertThatThrownBy(() -> provider.verify(new WebhookRequest(Map.of(), BODY.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PaymentProvider.WebhookRejected.class).hasMessageContaining("missing");
    }

    @Test
    void readsRefundEventsAndLeavesOtherTypesUnhandled() {
        String completed = "{\"id\":\"evt_2\",\"type\":\"refund.completed\",\"data\":{\"refund\":\"rf_1\"}}";
        String failed = "{\"id\":\"evt_3\",\"type\":\"refund.failed\",\"data\":{\"refund\":\"rf_1\",\"reason\":\"account closed\"}}";
        String other = "{\"id\":\"evt_4\",\"type\":\"customer.updated\",\"data\":{}}";

        assertThat(provider.verify(signed(completed))).isEqualTo(new ProviderEvent.RefundCompleted("evt_2", NOW, "rf_1"));
        assertThat(provider.verify(signed(failed))).isEqualTo(new ProviderEvent.RefundFailed("evt_3", NOW, "rf_1", "account closed"));
        assertThat(provider.verify(signed(other))).isEqualTo(new ProviderEvent.Unhandled("evt_4", NOW, "customer.updated"));
    }

    @Test
    void refusesAuthenticBodiesThatAreNoEvent() {
        for (String body : new String[] {"not json", "[1]", "{\"type\":\"invoice.paid\"}",
                "{\"id\":\"evt 5\",\"type\":\"invoice.paid\",\"data\":{}}",
                "{\"id\":\"evt_5\",\"type\":\"invoice.paid\",\"data\":{\"invoice\":\"inv_1\",\"amount\":12.5,\"currency\":\"USD\"}}",
                "{\"id\":\"evt_5\",\"type\":\"invoice.paid\",\"data\":{\"invoice\":\"inv_1\",\"amount\":\"-1\",\"currency\":\"USD\"}}",
                "{\"id\":\"evt_5\",\"type\":\"invoice.paid\",\"data\":{\"invoice\":\"inv_1\",\"amount\":\"0.0000001\",\"currency\":\"USD\"}}",
                "{\"id\":\"evt_5\",\"type\":\"invoice.paid\",\"data\":{\"invoice\":\"inv_1\",\"amount\":\"ten\",\"currency\":\"USD\"}}"}) {
            assertThatThrownBy(() -> provider.verify(signed(body))).as(body).isInstanceOf(PaymentProvider.MalformedWebhook.class);
        }
    }

    @Test
    void withoutASecretFiatPaymentsAreOff() {
        SignedWebhookPaymentProvider unconfigured = new SignedWebhookPaymentProvider(null, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> unconfigured.verify(signed(BODY))).isInstanceOf(PaymentProvider.FiatPaymentsUnavailable.class);
    }

    @Test
    void invoiceAndRefundReferencesAreStableSoRetriesAreOneInvoiceAndOneRefund() {
        java.util.UUID order = java.util.UUID.randomUUID();
        java.util.UUID refund = java.util.UUID.randomUUID();

        assertThat(provider.createInvoice(order, java.util.UUID.randomUUID(), Money.of("1", "USD")).reference())
                .isEqualTo(provider.createInvoice(order, java.util.UUID.randomUUID(), Money.of("1", "USD")).reference());
        assertThat(provider.refund(refund, "inv_x", Money.of("1", "USD"), "credit")).isEqualTo(provider.refund(refund, "inv_x", Money.of("1", "USD"), "x"));
    }

    private WebhookRequest signed(String body) {
        return request(PaymentFixtures.signature(SECRET, NOW, body), body);
    }

    private static WebhookRequest request(String signature, String body) {
        return new WebhookRequest(Map.of("Flashback-Signature", signature, "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedWebhookPaymentProvider provider(Instant now) {
        return new SignedWebhookPaymentProvider(SECRET, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }
}
