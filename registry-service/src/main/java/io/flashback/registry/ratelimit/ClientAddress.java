package io.flashback.registry.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.regex.Pattern;

/**
 * The IP address of the client a request came from, as the gateway saw it. The gateway appends the
 * address of its TCP peer to {@code X-Forwarded-For} (its {@code ClientAddressHeader}), so the
 * <em>last</em> entry is the one the platform vouches for; every entry before it is whatever the
 * client chose to send and is never trusted. A request without the header (one that did not come
 * through the gateway: tests, health checks) counts against its TCP peer.
 *
 * <p>This holds because the registry is reachable only through the gateway (as its
 * {@code /internal/**} endpoints already require); a client talking to the registry directly could
 * name any address. See <a href="https://www.rfc-editor.org/rfc/rfc7239#section-5.2">RFC 7239 §5.2</a>
 * for why only the hops one's own proxies added can be believed.
 */
public final class ClientAddress {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    /** An IPv4 or IPv6 literal (with an IPv6 zone, if any); anything else in the header is not an address the gateway wrote. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,15})?");

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        String forwarded = String.join(",", Collections.list(request.getHeaders(X_FORWARDED_FOR)));
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        return IP_LITERAL.matcher(last).matches() ? last : request.getRemoteAddr();
    }
}
