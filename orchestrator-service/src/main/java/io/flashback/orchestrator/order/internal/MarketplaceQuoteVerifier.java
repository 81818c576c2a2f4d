package io.flashback.orchestrator.order.internal;

import io.flashback.orchestrator.OrchestratorProperties;
import io.flashback.orchestrator.order.SignedQuotes;
import io.flashback.orchestrator.order.VerifiedQuote;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks the marketplace's Ed25519 signature on a quote token locally, with the marketplace's
 * public key fetched once (with timeouts) and kept; no call to the marketplace per order.
 */
@Component
class MarketplaceQuoteVerifier implements SignedQuotes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient marketplace;
    private final Clock clock;
    private final AtomicReference<PublicKey> key = new AtomicReference<>();

    MarketplaceQuoteVerifier(OrchestratorProperties properties, Clock clock) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.marketplaceTimeout());
        requests.setReadTimeout(properties.marketplaceTimeout());
        this.marketplace = RestClient.builder().baseUrl(properties.marketplaceUrl().toString()).requestFactory(requests).build();
        this.clock = clock;
    }

    @Override
    public VerifiedQuote verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            throw new InvalidQuote("not a quote token");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidQuote("not a quote token");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(marketplaceKey());
            verifier.update(payload);
            if (!verifier.verify(signature)) {
                throw new InvalidQuote("the quote's signature does not match: it was altered or not issued by the marketplace");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidQuote("the quote's signature cannot be checked: " + e.getMessage());
        }
        VerifiedQuote quote = parse(payload);
        if (!clock.instant().isBefore(quote.expiresAt())) {
            throw new InvalidQuote("the quote expired at " + quote.expiresAt() + "; ask the marketplace for a new one");
        }
        return quote;
    }

    private PublicKey marketplaceKey() {
        PublicKey known = key.get();
        if (known != null) {
            return known;
        }
        try {
            JsonNode answer = JSON.readTree(marketplace.get().uri("/quotes/signing-key").retrieve().body(String.class));
            if (!"Ed25519".equals(answer.path("algorithm").asString())) {
                throw new IllegalStateException("the marketplace signs quotes with " + answer.path("algorithm").asString());
            }
            PublicKey fetched = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(answer.path("publicKey").asString())));
            key.compareAndSet(null, fetched);
            return fetched;
        } catch (RestClientException | JacksonException | GeneralSecurityException | IllegalArgumentException e) {
            throw new MarketplaceUnavailable("the marketplace's quote key cannot be fetched right now: " + e.getMessage());
        }
    }

    private static VerifiedQuote parse(byte[] payload) {
        try {
            JsonNode quote = JSON.readTree(payload);
            List<VerifiedQuote.Line> lines = new ArrayList<>();
            for (JsonNode line : quote.path("lines")) {
                JsonNode qos = line.path("qos");
                lines.add(new VerifiedQuote.Line(UUID.fromString(line.path("dataUnitId").asString()),
                        UUID.fromString(line.path("providerId").asString()), line.path("nodeId").asString(),
                        decimal(qos.path("availabilityPct")), qos.path("latencyMs").asInt(),
                        qos.path("uploadMbps").asInt(), qos.path("downloadMbps").asInt(), qos.path("errorRatePpm").asInt(),
                        decimal(line.path("subtotal"))));
            }
            if (lines.isEmpty()) {
                throw new InvalidQuote("the quote has no lines");
            }
            return new VerifiedQuote(UUID.fromString(quote.path("id").asString()), List.copyOf(lines), quote.path("capacityBytes").asLong(),
                    quote.path("termDays").asInt(), quote.path("currency").asString(), decimal(quote.path("total")),
                    Instant.parse(quote.path("expiresAt").asString()));
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new InvalidQuote("the quote's content is not readable");
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString());
    }

}
