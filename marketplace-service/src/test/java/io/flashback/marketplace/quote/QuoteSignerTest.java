package io.flashback.marketplace.quote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteSignerTest {

    private static final Instant ISSUED = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path keys;

    private final Quote quote = new Quote(UUID.randomUUID(), List.of(new QuoteLine(UUID.randomUUID(), UUID.randomUUID(), "node-1",
            "eu-west", "USDC", new io.flashback.marketplace.dataunit.OfferedQos(new BigDecimal("99.9"), 40, 100, 200, 100),
            new BigDecimal("6.000000"), new BigDecimal("0.300000"), new BigDecimal("6.300000"))),
            100L << 30, 90, BigDecimal.TEN, "USDC", new BigDecimal("6.300000"), 200, new BigDecimal("0.126000"),
            new BigDecimal("6.426000"), ISSUED, ISSUED.plus(Duration.ofMinutes(15)),
            List.of(new ExchangeRate("USDC", BigDecimal.ONE, ExchangeRate.Source.PRICE_FEED)));

    @Test
    void signedQuoteVerifiesUnchanged() {
        QuoteSigner signer = signer(QuoteSigningKey.loadOrCreate(keys.resolve("k")), ISSUED.plusSeconds(60));

        assertThat(signer.verify(signer.sign(quote))).isEqualTo(quote);
    }

    @Test
    void alteredTotalIsRejected() {
        QuoteSigner signer = signer(QuoteSigningKey.loadOrCreate(keys.resolve("k")), ISSUED.plusSeconds(60));
        String token = signer.sign(quote);
        String json = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String cheaper = json.replace("6.426000", "0.000001");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(cheaper.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> signer.verify(forged)).isInstanceOf(QuoteSigner.InvalidQuote.class).hasMessageContaining("altered");
    }

    @Test
    void quoteSignedByAnotherKeyIsRejected() {
        QuoteSigner ours = signer(QuoteSigningKey.loadOrCreate(keys.resolve("ours")), ISSUED.plusSeconds(60));
        QuoteSigner theirs = signer(QuoteSigningKey.loadOrCreate(keys.resolve("theirs")), ISSUED.plusSeconds(60));

        assertThatThrownBy(() -> ours.verify(theirs.sign(quote))).isInstanceOf(QuoteSigner.InvalidQuote.class);
    }

    @Test
    void expiredQuoteIsRejected() {
        KeyPair pair = QuoteSigningKey.loadOrCreate(keys.resolve("k"));
        String token = signer(pair, ISSUED).sign(quote);

        assertThatThrownBy(() -> signer(pair, ISSUED.plus(Duration.ofMinutes(15))).verify(token))
                .isInstanceOf(QuoteSigner.InvalidQuote.class).hasMessageContaining("expired");
    }

    @Test
    void garbageIsNotAQuote() {
        QuoteSigner signer = signer(QuoteSigningKey.loadOrCreate(keys.resolve("k")), ISSUED);

        assertThatThrownBy(() -> signer.verify("abc")).isInstanceOf(QuoteSigner.InvalidQuote.class);
        assertThatThrownBy(() -> signer.verify("!!!.???")).isInstanceOf(QuoteSigner.InvalidQuote.class);
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReadBack() throws Exception {
        Path file = keys.resolve("sub/quote.key");
        KeyPair created = QuoteSigningKey.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(QuoteSigningKey.loadOrCreate(file).getPublic()).isEqualTo(created.getPublic());
    }

    private static QuoteSigner signer(KeyPair keys, Instant now) {
        return new QuoteSigner(keys, JsonMapper.builder().build(), Clock.fixed(now, ZoneOffset.UTC));
    }
}
