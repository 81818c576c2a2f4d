package io.flashback.bridge.cli;

import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import io.flashback.bridge.platform.ClaimCommand;
import io.flashback.bridge.platform.GrantSync;
import io.flashback.bridge.platform.PlatformOnboarding;
import io.flashback.bridge.platform.PlatformOptions;
import io.flashback.bridge.server.HttpServer;
import io.flashback.bridge.shipping.MetricShipper;
import io.flashback.bridge.shipping.ShippingOptions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Standalone mode: {@code java -jar bridge-node.jar serve ...}. See the module README. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, true));
    }

    static int run(List<String> args, PrintStream out, PrintStream err, boolean block) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(CommandLine.USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            switch (args.get(0)) {
                case "serve" -> {
                    PlatformOptions.Split split = PlatformOptions.split(args.subList(1, args.size()));
                    ShippingOptions.Split shipping = ShippingOptions.split(split.rest());
                    NodeConfig config = CommandLine.serve(shipping.rest(), split.platform() != null);
                    BridgeNode node = BridgeNode.start(config);
                    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "bridge-node-shutdown"));
                    out.println("Flashback bridge node up");
                    out.println("  S3 endpoint:   http://" + displayHost(config.bindAddress()) + ":" + node.port()
                            + "  (GCS JSON API on the same port)");
                    out.println("  metrics:       http://" + displayHost(config.bindAddress()) + ":" + node.managementPort() + "/metrics");
                    out.println("  health:        http://" + displayHost(config.bindAddress()) + ":" + node.managementPort() + "/health");
                    out.println("  backend:       " + config.backend() + (config.backend().equals("filesystem")
                            ? " (" + config.dataDir().toAbsolutePath() + ")" : ""));
                    node.grants().all().forEach(g -> out.println("  grant:         " + g.accessKey() + " -> " + g.buckets()
                            + ", quota " + g.quotaBytes() + " bytes, " + g.access()));
                    out.flush();
                    if (split.platform() != null) {
                        PlatformOnboarding platform = PlatformOnboarding.start(split.platform(), config.dataDir(), config.region(),
                                "http://" + displayHost(config.bindAddress()) + ":" + node.port(),
                                new GrantSync.Target(node.grantLayers(), node.store(), node.registry()), System.getenv(), out, err);
                        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "bridge-node-platform-shutdown"));
                    }
                    // after onboarding, which makes the node key on a first start
                    Runnable stopMetrics = MetricShipper.start(shipping.options(), split.platform() == null ? null : split.platform().platformUrl(),
                            config.dataDir(), node.usage(), node.grants(), node.store(), node.registry());
                    Runtime.getRuntime().addShutdownHook(new Thread(stopMetrics, "bridge-node-metrics-shutdown"));
                    if (block) {
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return 0;
                }
                case "claim" -> {
                    return ClaimCommand.run(args.subList(1, args.size()), out, err);
                }
                case "gcs-token" -> {
                    String ak = option(args, "--access-key");
                    String secret = option(args, "--secret");
                    long ttl = io.flashback.bridge.gcs.GcsTokens.DEFAULT_TTL.toSeconds();
                    if (args.contains("--ttl")) {
                        try {
                            ttl = Long.parseLong(option(args, "--ttl"));
                        } catch (NumberFormatException e) {
                            throw new CommandLine.UsageException("--ttl must be a number of seconds");
                        }
                        if (ttl < 1) throw new CommandLine.UsageException("--ttl must be at least 1 second");
                    }
                    out.println(io.flashback.bridge.gcs.GcsTokens.token(ak, secret, java.time.Instant.now().plusSeconds(ttl)));
                    return 0;
                }
                default -> throw new CommandLine.UsageException("unknown command '" + args.get(0) + "' (expected serve, claim or gcs-token)");
            }
        } catch (CommandLine.UsageException | PlatformOptions.InvalidOption e) {
            err.println("bridge-node: " + e.getMessage());
            err.println("run 'java -jar bridge-node.jar help' for the options");
            return 2;
        } catch (HttpServer.PortInUseException e) {
            err.println("bridge-node: " + e.getMessage());
            return 1;
        }
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) throw new CommandLine.UsageException(name + " is required");
        return args.get(i + 1);
    }

    private static String displayHost(String bind) {
        return bind.equals("0.0.0.0") ? "localhost" : bind;
    }
}
