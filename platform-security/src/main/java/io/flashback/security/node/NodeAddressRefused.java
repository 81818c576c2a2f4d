package io.flashback.security.node;

import java.net.UnknownHostException;

/**
 * A node's host name or address the platform will not connect to. An {@link UnknownHostException} so that it can be
 * thrown from a DNS resolver hook (Apache HttpClient's {@code DnsResolver}) and end the connection attempt before any
 * socket is opened; its message says why, in words a provider can act on.
 */
public final class NodeAddressRefused extends UnknownHostException {

    public NodeAddressRefused(String message) {
        super(message);
    }
}
