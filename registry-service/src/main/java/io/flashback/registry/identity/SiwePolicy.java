package io.flashback.registry.identity;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What this platform accepts in a Sign-In with Ethereum message besides a valid signature and an
 * unused nonce: its own domain, a URI under its own origin, its chain, and a message that is
 * fresh and within its validity window (EIP-4361, "Verifying a signed Message").
 *
 * @param domain    the RFC 3986 authority the dashboard is served from (e.g. {@code app.flashback.io})
 * @param uriPrefix the dashboard's origin (and optionally a path under it): the message URI must have the same scheme,
 *                  host and port, no user info, and a path at or below this one — compared parsed, never as
 *                  strings, so that {@code http://127.0.0.1:8080.evil.example/} is not taken for {@code http://127.0.0.1:8080}
 * @param chainId   the EIP-155 chain the platform's contracts live on
 * @param maxAge    how old {@code Issued At} may be
 * @param clockSkew tolerance for clocks of wallets and server
 */
public record SiwePolicy(String domain, String uriPrefix, long chainId, Duration maxAge, Duration clockSkew) {

    public SiwePolicy {
        URI origin = URI.create(uriPrefix);
        if (origin.getScheme() == null || origin.getHost() == null) {
            throw new IllegalArgumentException("the SIWE URI prefix must be an absolute http(s) origin such as https://app.flashback.io, not '"
                    + uriPrefix + "'");
        }
    }

    /** Throws {@link SignInRejected} naming the first rule the message breaks. */
    public void check(SiweMessage message, Instant now) {
        if (!message.domain().equalsIgnoreCase(domain)) {
            throw new SignInRejected("the message is for domain '" + message.domain() + "', not '" + domain + "'");
        }
        if (message.scheme().isPresent() && !uriPrefix.startsWith(message.scheme().get() + "://")) {
            throw new SignInRejected("the message's scheme '" + message.scheme().get() + "' is not this platform's");
        }
        if (!isUnderOrigin(message.uri())) {
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

    /**
     * EIP-4361: the URI names the relying party; it must be this platform's origin (RFC 6454:
     * scheme, host and port) and lie under the configured path, segment by segment.
     */
    private boolean isUnderOrigin(URI uri) {
        URI origin = URI.create(uriPrefix);
        if (uri.isOpaque() || uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return false;
        }
        if (!uri.getScheme().equalsIgnoreCase(origin.getScheme()) || !uri.getHost().equalsIgnoreCase(origin.getHost())
                || port(uri) != port(origin)) {
            return false;
        }
        String base = origin.getPath() == null ? "" : origin.getPath().replaceAll("/+$", "");
        String path = uri.normalize().getPath() == null ? "" : uri.normalize().getPath();
        return base.isEmpty() || path.equals(base) || path.startsWith(base + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
