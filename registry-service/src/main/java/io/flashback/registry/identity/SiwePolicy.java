package io.flashback.registry.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * What this platform accepts in a Sign-In with Ethereum message besides a valid signature and an
 * unused nonce: its own domain, a URI under its own origin, its chain, and a message that is
 * fresh and within its validity window (EIP-4361, "Verifying a signed Message").
 *
 * @param domain    the RFC 3986 authority the dashboard is served from (e.g. {@code app.flashback.io})
 * @param uriPrefix the message URI must start with this (the dashboard's origin)
 * @param chainId   the EIP-155 chain the platform's contracts live on
 * @param maxAge    how old {@code Issued At} may be
 * @param clockSkew tolerance for clocks of wallets and server
 */
public record SiwePolicy(String domain, String uriPrefix, long chainId, Duration maxAge, Duration clockSkew) {

    /** Throws {@link SignInRejected} naming the first rule the message breaks. */
    public void check(SiweMessage message, Instant now) {
        if (!message.domain().equalsIgnoreCase(domain)) {
            throw new SignInRejected("the message is for domain '" + message.domain() + "', not '" + domain + "'");
        }
        if (message.scheme().isPresent() && !uriPrefix.startsWith(message.scheme().get() + "://")) {
            throw new SignInRejected("the message's scheme '" + message.scheme().get() + "' is not this platform's");
        }
        if (!message.uri().toString().startsWith(uriPrefix)) {
            throw new SignInRejected("the message's URI is not under " + uriPrefix);
        }
        if (message.chainId() != chainId) {
            throw new SignInRejected("the message is for chain " + message.chainId() + ", this platform uses chain " + chainId);
        }
        if (message.issuedAt().isAfter(now.plus(clockSkew))) {
            throw new SignInRejected("the message is issued in the future");
        }
        if (message.issuedAt().isBefore(now.minus(maxAge))) {
            throw new SignInRejected("the message was issued more than " + maxAge.toMinutes() + " minutes ago");
        }
        if (message.expirationTime().isPresent() && !message.expirationTime().get().isAfter(now.minus(clockSkew))) {
            throw new SignInRejected("the message has expired");
        }
        if (message.notBefore().isPresent() && message.notBefore().get().isAfter(now.plus(clockSkew))) {
            throw new SignInRejected("the message is not valid yet (Not Before)");
        }
    }
}
