package io.flashback.marketplace.quote;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;

/**
 * Signs quotes with the marketplace's Ed25519 key (RFC 8032) so they cannot be altered: a quote
 * travels as {@code base64url(json) "." base64url(signature over those json bytes)}. Anyone with
 * the public key ({@link #publicKey()}) can check one.
 */
public final class QuoteSigner {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final JsonMapper json;
    private final Clock clock;

    public QuoteSigner(KeyPair keys, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    public String sign(Quote quote) {
        byte[] payload = json.writeValueAsBytes(quote);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(payload);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a quote with the configured key", e);
        }
    }

    /** The quote a token carries, if its signature holds and it has not expired. */
    public Quote verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            throw new InvalidQuote("not a quote token");
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.getPublic());
            verifier.update(payload);
            if (!verifier.verify(signature)) {
                throw new InvalidQuote("the quote's signature does not match: it was altered or not issued by this marketplace");
            }
            Quote quote = json.readValue(payload, Quote.class);
            if (!clock.instant().isBefore(quote.expiresAt())) {
                throw new InvalidQuote("the quote expired at " + quote.expiresAt() + "; ask for a new one");
            }
            return quote;
        } catch (IllegalArgumentException | GeneralSecurityException | JacksonException e) {
            throw new InvalidQuote("not a quote token");
        }
    }

    /** The verification key, X.509 SubjectPublicKeyInfo in base64. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** A quote token that is damaged, altered, foreign or expired. */
    public static class InvalidQuote extends RuntimeException {

        public InvalidQuote(String message) {
            super(message);
        }
    }

}
