package io.flashback.bridge.shipping;

import io.flashback.bridge.grants.StaticGrantSource;
import io.flashback.bridge.platform.PlatformOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code serve} options of metric shipping (issue #7); they matter only with {@code --platform-url}.
 *
 * @param interval        how often closed minutes are batched and the spool is sent
 * @param spool           bounds of {@code DATA_DIR/metrics-spool}
 * @param samplesPerBatch samples per batch at most (the oracle takes up to 1 000)
 */
public record ShippingOptions(Duration interval, MetricSpool.Limits spool, int samplesPerBatch) {
    public static final ShippingOptions DEFAULTS = new ShippingOptions(Duration.ofSeconds(10), new MetricSpool.Limits(10_000, 256L << 20), 500);

    public static final String USAGE = """
            metric shipping (with --platform-url: signed per-agreement usage, spooled in DATA_DIR/metrics-spool):
              --metrics-interval SEC          seconds between batching closed minutes and sending the spool (default 10)
              --metrics-spool-max-batches N   batches the spool holds at most (default 10000, about a week)
              --metrics-spool-max-bytes SIZE  bytes the spool holds at most (default 256MiB)
              --metrics-batch-samples N       samples per batch at most, 1-1000 (default 500)
            """;

    /** The shipping options of {@code args} and the other arguments. */
    public record Split(ShippingOptions options, List<String> rest) {}

    public static Split split(List<String> args) {
        List<String> rest = new ArrayList<>();
        Duration interval = DEFAULTS.interval();
        int maxBatches = DEFAULTS.spool().maxFiles();
        long maxBytes = DEFAULTS.spool().maxBytes();
        int samples = DEFAULTS.samplesPerBatch();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.startsWith("--metrics-")) {
                rest.add(option);
                continue;
            }
            if (i + 1 >= args.size()) throw new PlatformOptions.InvalidOption("option " + option + " needs a value");
            String value = args.get(++i);
            switch (option) {
                case "--metrics-interval" -> interval = Duration.ofSeconds(number(option, value, 1, 3600));
                case "--metrics-spool-max-batches" -> maxBatches = (int) number(option, value, 1, 10_000_000);
                case "--metrics-spool-max-bytes" -> {
                    try {
                        maxBytes = StaticGrantSource.parseSize(value);
                    } catch (IllegalArgumentException e) {
                        throw new PlatformOptions.InvalidOption(option + ": " + e.getMessage());
                    }
                    if (maxBytes < 1 << 20) throw new PlatformOptions.InvalidOption(option + " must be at least 1MiB");
                }
                case "--metrics-batch-samples" -> samples = (int) number(option, value, 1, 1000);
                default -> throw new PlatformOptions.InvalidOption("unknown option " + option);
            }
        }
        return new Split(new ShippingOptions(interval, new MetricSpool.Limits(maxBatches, maxBytes), samples), List.copyOf(rest));
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PlatformOptions.InvalidOption(option + " must be a number from " + min + " to " + max + ", not '" + value + "'");
    }
}
