package io.flashback.monitor.node;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What monitor-service knows of a bridge node from registry-service's events.
 *
 * @param endpoint       the public URL the node announced (null until it announced)
 * @param apis           the APIs it announced, comma-separated ({@code s3,gcs})
 * @param providerWallet the wallet that claimed it, lower case (null until claimed)
 * @param active         collateralised: it may carry Data Units, so it is probed
 * @param online         the registry still hears its heartbeats
 */
public record MonitoredNode(UUID nodeId, String endpoint, String apis, String region, String providerWallet, boolean claimed,
                            boolean active, boolean online) {

    /**
     * Probed are the nodes a provider claimed that announced an S3 endpoint — online or not, since offline is what
     * probes must see, and active or not: a node whose collateral fell below the minimum (after a slash, say) still
     * serves the agreements it has, and their epochs must be judged on evidence.
     */
    public boolean probed() {
        return claimed && speaksS3() && s3Endpoint().isPresent();
    }

    public boolean speaksS3() {
        return apis != null && Arrays.stream(apis.split(",")).map(api -> api.strip().toLowerCase(Locale.ROOT)).anyMatch("s3"::equals);
    }

    /** The announced endpoint when it is an absolute http(s) URL; anything else cannot be probed. */
    public Optional<URI> s3Endpoint() {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(endpoint.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
