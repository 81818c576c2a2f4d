package io.flashback.bridge.platform;

import io.flashback.bridge.grants.StaticGrantSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code serve} options that connect the node to the platform; without {@code --platform-url} the node runs
 * standalone. {@code --region} stays a {@code serve} option: the node announces the region it reports to clients.
 *
 * @param publicEndpoint where consumers reach the node; null: {@code http://HOST:PORT} of the data port
 * @param capacityBytes  the capacity announced; null: the size of the data directory's file system
 * @param reannounce     announce even when this data directory already holds the platform's answer
 * @param grantSyncInterval how often the node pulls its grants from the platform once claimed (default 15 s)
 */
public record PlatformOptions(URI platformUrl, String publicEndpoint, Long capacityBytes, Duration heartbeatInterval, boolean reannounce,
                              Duration grantSyncInterval) {
    public static final String USAGE = """
            platform (bridge-node onboarding; without --platform-url the node runs standalone):
              --platform-url URL        the platform's gateway: announce there, print node id and secret, send heartbeats
              --public-endpoint URL     the S3/GCS URL announced to the platform (default http://BIND:PORT)
              --capacity SIZE           capacity announced, bytes or KiB/MiB/GiB/TiB (default: size of the data directory's disk)
              --heartbeat-interval SEC  seconds between signed heartbeats (default 60)
              --reannounce              announce again even if this data directory was announced already
              --grant-sync-interval SEC seconds between pulls of the node's grants from the platform once claimed (default 15)
              env FLASHBACK_CLAIM_CODE  a provider's claim code: sign and submit the claim after announcing
            claim CODE [--data-dir DIR] [--platform-url URL]
                                        sign and submit the claim with a provider's claim code
            """;

    /** A bad platform option; the command line reports it in one line and exits with status 2. */
    public static final class InvalidOption extends RuntimeException {
        public InvalidOption(String message) {
            super(message);
        }
    }

    /** The platform options of {@code args} (null when there is no {@code --platform-url}) and the other arguments. */
    public record Split(PlatformOptions platform, List<String> rest) {}

    public static Split split(List<String> args) {
        List<String> rest = new ArrayList<>();
        URI platformUrl = null;
        String endpoint = null;
        Long capacity = null;
        Duration interval = null;
        Duration grantSync = null;
        boolean reannounce = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--reannounce")) {
                reannounce = true;
                continue;
            }
            if (!List.of("--platform-url", "--public-endpoint", "--capacity", "--heartbeat-interval", "--grant-sync-interval").contains(option)) {
                rest.add(option);
                continue;
            }
            if (i + 1 >= args.size()) throw new InvalidOption("option " + option + " needs a value");
            String value = args.get(++i);
            switch (option) {
                case "--platform-url" -> platformUrl = url(option, value);
                case "--public-endpoint" -> endpoint = url(option, value).toString();
                case "--capacity" -> {
                    try {
                        capacity = StaticGrantSource.parseSize(value);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidOption("--capacity: " + e.getMessage());
                    }
                    if (capacity <= 0) throw new InvalidOption("--capacity must be more than 0 bytes");
                }
                case "--heartbeat-interval" -> interval = seconds(option, value);
                case "--grant-sync-interval" -> grantSync = seconds(option, value);
                default -> throw new IllegalStateException(option);
            }
        }
        if (platformUrl == null) {
            if (endpoint != null || capacity != null || interval != null || reannounce || grantSync != null) {
                throw new InvalidOption("--public-endpoint, --capacity, --heartbeat-interval, --grant-sync-interval and --reannounce need --platform-url");
            }
            return new Split(null, List.copyOf(rest));
        }
        return new Split(new PlatformOptions(platformUrl, endpoint, capacity, interval == null ? Duration.ofSeconds(60) : interval, reannounce,
                grantSync == null ? Duration.ofSeconds(15) : grantSync), List.copyOf(rest));
    }

    private static Duration seconds(String option, String value) {
        Duration duration;
        try {
            duration = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new InvalidOption(option + " must be a number of seconds, not '" + value + "'");
        }
        if (duration.toSeconds() < 1 || duration.toSeconds() > 3600) {
            throw new InvalidOption(option + " must be between 1 and 3600 seconds");
        }
        return duration;
    }

    static URI url(String option, String value) {
        try {
            return PlatformClient.parseBaseUrl(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidOption(option + " " + e.getMessage());
        }
    }
}
