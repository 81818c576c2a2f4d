package io.flashback.bridge.platform;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code bridge-node claim CODE [--data-dir DIR] [--platform-url URL]}: signs the claim for the provider who got
 * {@code CODE} and submits it. Exit status 0 claimed, 1 refused or platform unreachable, 2 bad arguments.
 */
public final class ClaimCommand {
    private ClaimCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String code = null;
        Path dataDir = Path.of("data");
        URI platformUrl = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--data-dir") || arg.equals("--platform-url")) {
                    if (i + 1 >= args.size()) throw new PlatformOptions.InvalidOption("option " + arg + " needs a value");
                    String value = args.get(++i);
                    if (arg.equals("--data-dir")) dataDir = Path.of(value);
                    else platformUrl = PlatformOptions.url(arg, value);
                } else if (arg.startsWith("--")) {
                    throw new PlatformOptions.InvalidOption("unknown option " + arg + " for claim (expected --data-dir, --platform-url)");
                } else if (code == null) {
                    code = arg;
                } else {
                    throw new PlatformOptions.InvalidOption("unexpected argument '" + arg + "': claim takes one code");
                }
            }
            if (code == null) throw new PlatformOptions.InvalidOption("claim needs the claim code: claim CODE --data-dir DIR --platform-url URL");
            try {
                code = Claim.normalizeCode(code);
            } catch (IllegalArgumentException e) {
                throw new PlatformOptions.InvalidOption(e.getMessage());
            }
        } catch (PlatformOptions.InvalidOption e) {
            err.println("bridge-node: " + e.getMessage());
            return 2;
        }
        Optional<Registration> registration;
        try {
            registration = Files.exists(dataDir.resolve("platform").resolve(NodeKey.FILE)) ? Registration.read(dataDir) : Optional.empty();
        } catch (RuntimeException e) {
            err.println("bridge-node: " + e.getMessage());
            return 1;
        }
        if (registration.isEmpty()) {
            err.println("bridge-node: the node in " + dataDir + " has not announced itself yet: start it with serve --platform-url URL --data-dir "
                    + dataDir + " first");
            return 1;
        }
        Registration announced = registration.get();
        if (announced.claimed()) {
            err.println("bridge-node: node " + announced.nodeId() + " is already claimed by " + announced.provider());
            return 1;
        }
        URI platform = platformUrl == null ? announced.platform() : platformUrl;
        PlatformClient client = new PlatformClient(platform);
        try {
            NodeKey key = NodeKey.load(dataDir.resolve("platform").resolve(NodeKey.FILE));
            Claim.Claimed claimed = new Claim(client, key, dataDir).submit(announced, code);
            out.println("node " + claimed.nodeId() + " claimed by " + claimed.provider());
            out.println("the provider now sends the claim to BridgeNodeRegistry (GET /api/registry/nodes/" + claimed.nodeId()
                    + "/claim has its arguments) and deposits collateral");
            return 0;
        } catch (PlatformException e) {
            err.println("bridge-node: claim refused: " + describe(e));
            return 1;
        } catch (RuntimeException e) {
            err.println("bridge-node: claim failed: " + e.getMessage());
            return 1;
        }
    }

    private static String describe(PlatformException e) {
        return switch (e.status()) {
            case 403 -> "Unknown claim code".equals(e.title())
                    ? "the claim code is wrong for this node; check the code the platform showed the provider" : e.getMessage();
            case 410 -> e.title() + " — " + (e.detail() == null ? "ask the provider for a new code" : e.detail());
            default -> e.getMessage();
        };
    }
}
