package io.flashback.security.node;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the platform may connect when it talks to a bridge node at the endpoint the node announced itself: only
 * public, globally routable unicast addresses (#13 M1). A node's endpoint is chosen by whoever runs the node, so
 * without this rule the monitor's probes and the registry's certification would send requests to the platform's own
 * network (loopback, private ranges, the cloud metadata service at 169.254.169.254 or fd00:ec2::254) and report what
 * came back to the provider.
 *
 * <p>Every place that connects to a node resolves the name through {@link #resolve(String)} at connect time and
 * connects only to the addresses it returns, so a name that passed when it was announced and later points inside (DNS
 * rebinding) is refused then. A name is refused as a whole when any of its addresses is not public: the client could
 * otherwise pick that one. The special-purpose ranges are those of the IANA registries
 * (<a href="https://www.iana.org/assignments/iana-ipv4-special-registry/">IPv4</a>,
 * <a href="https://www.iana.org/assignments/iana-ipv6-special-registry/">IPv6</a>), RFC 6598 (shared address space)
 * and RFC 4193 (unique local IPv6); IPv6 is allowed only in global unicast {@code 2000::/3}.
 *
 * <p>Loopback is allowed only when {@code allowLoopback} is set: the local profile and the tests run their nodes on
 * 127.0.0.1. It is off by default.
 */
public final class NodeAddressPolicy {

    /** Name resolution, the system's DNS unless a test names its own answers. */
    @FunctionalInterface
    public interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    public NodeAddressPolicy(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    public NodeAddressPolicy(boolean allowLoopback) {
        this(allowLoopback, InetAddress::getAllByName);
    }

    public boolean allowsLoopback() {
        return allowLoopback;
    }

    /**
     * The addresses a connection to {@code host} may use: all of them checked, resolved once here so that the caller
     * connects to exactly what was checked.
     *
     * @throws NodeAddressRefused   when an address is not public
     * @throws UnknownHostException when the name does not resolve
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = bare(host);
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(bare + " has no address");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                throw new NodeAddressRefused(describe(bare, address) + " is " + refused.get()
                        + "; a node's endpoint must be a public, routable address");
            }
        }
        return Arrays.copyOf(addresses, addresses.length);
    }

    /**
     * Checks an endpoint a node announces: an address written in it, or every address its name resolves to now, must
     * be public. A name that does not resolve yet is let through (a node may announce before its DNS record is
     * published): every connection resolves and checks it again.
     *
     * @throws NodeAddressRefused when the endpoint has no host or names an address that is not public
     */
    public void checkAnnounced(URI endpoint) throws NodeAddressRefused {
        String host = endpoint.getHost();
        if (host == null || host.isBlank()) {
            throw new NodeAddressRefused("the endpoint " + endpoint + " names no host");
        }
        try {
            resolve(host);
        } catch (NodeAddressRefused refused) {
            throw refused;
        } catch (UnknownHostException notYetResolvable) {
            // checked again at every connection
        }
    }

    /** Why the platform will not connect to {@code address}, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress() || isIpv4MappedLoopback(address)) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (address instanceof Inet4Address v4) {
            return ipv4Refusal(v4.getAddress());
        }
        if (address instanceof Inet6Address v6) {
            return ipv6Refusal(v6.getAddress());
        }
        return Optional.of("not an IP address");
    }

    private static Optional<String> ipv4Refusal(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return Optional.of("in 0.0.0.0/8 (this network, unspecified)");
        }
        if (b0 == 127) {
            return Optional.of("a loopback address");
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return Optional.of("a private address (RFC 1918)");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return Optional.of("in the shared address space 100.64.0.0/10 (carrier-grade NAT, RFC 6598)");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("a link-local address (169.254.0.0/16, where cloud metadata services answer)");
        }
        if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) {
            return Optional.of("a special-purpose address (192.0.0.0/24, 192.0.2.0/24)");
        }
        if (b0 == 192 && b1 == 88 && b2 == 99) {
            return Optional.of("a 6to4 relay anycast address (192.88.99.0/24)");
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return Optional.of("a benchmarking address (198.18.0.0/15)");
        }
        if ((b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return Optional.of("a documentation address");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Optional.of("a multicast address");
        }
        if (b0 >= 240) {
            return Optional.of("a reserved or broadcast address (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private Optional<String> ipv6Refusal(byte[] a) {
        if (isZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return embedded(a, 12, "an IPv4-mapped address");
        }
        if (isZero(a, 0, 12)) {
            return Optional.of(isZero(a, 12, 16) ? "the unspecified address" : "an IPv4-compatible address (deprecated)");
        }
        int first = a[0] & 0xff;
        if ((first & 0xe0) != 0x20) {
            if ((first & 0xfe) == 0xfc) {
                return Optional.of("a unique local address (fc00::/7, where fd00:ec2::254 answers as a metadata service)");
            }
            if (first == 0xfe && (a[1] & 0xc0) == 0x80) {
                return Optional.of("a link-local address (fe80::/10)");
            }
            if (first == 0xff) {
                return Optional.of("a multicast address");
            }
            return Optional.of("not a global unicast address (outside 2000::/3)");
        }
        int second = a[1] & 0xff;
        if (first == 0x20 && second == 0x01 && (a[2] & 0xfe) == 0) {
            return Optional.of("in 2001::/23 (IETF protocol assignments, Teredo)");
        }
        if (first == 0x20 && second == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
            return Optional.of("a documentation address (2001:db8::/32)");
        }
        if (first == 0x20 && second == 0x02) {
            return embedded(a, 2, "a 6to4 address");
        }
        return Optional.empty();
    }

    /** An IPv6 form that carries an IPv4 address is judged by that address: ::ffff:10.0.0.1 is 10.0.0.1. */
    private Optional<String> embedded(byte[] a, int offset, String form) {
        byte[] v4 = Arrays.copyOfRange(a, offset, offset + 4);
        if ((v4[0] & 0xff) == 127) {
            return allowLoopback ? Optional.empty() : Optional.of(form + " of a loopback address");
        }
        return ipv4Refusal(v4).map(reason -> form + " of " + reason);
    }

    private static boolean isIpv4MappedLoopback(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == 16 && isZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff && (a[12] & 0xff) == 127;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String bare(String host) {
        String stripped = host.strip();
        return stripped.startsWith("[") && stripped.endsWith("]") ? stripped.substring(1, stripped.length() - 1) : stripped;
    }

    /** An address as the endpoint wrote it, or a name with the address it resolved to. */
    private static String describe(String host, InetAddress address) {
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        return literal ? host.toLowerCase(Locale.ROOT) : host + " (" + address.getHostAddress() + ")";
    }

    @Override
    public String toString() {
        return "NodeAddressPolicy[public routable addresses only" + (allowLoopback ? ", loopback allowed" : "") + "]";
    }
}
