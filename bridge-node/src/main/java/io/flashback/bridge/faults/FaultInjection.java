package io.flashback.bridge.faults;

import io.flashback.bridge.metering.RequestMetering;
import io.flashback.bridge.platform.PlatformOptions;
import io.flashback.bridge.server.RequestDispatcher;
import io.flashback.bridge.storage.ObjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Faults a node can be told to commit, <b>for tests only</b>: the platform's SLA enforcement (probes, audits,
 * verdicts, settlement) is proved end to end against a real node that misbehaves in a known way. Off unless a
 * {@code --fault-*} option is given; a node with any fault on says so loudly when it starts.
 *
 * @param errorRate       share of requests (all of them: consumers', anonymous probes', canaries') answered with
 *                        {@code 503 ServiceUnavailable} without being served, 0 to 1
 * @param hideFromReports meter those failures as successes, so the node's signed usage claims a service it did not give
 * @param corruptReads    every object read returns other bytes (each one inverted) of the right length: the node has
 *                        lost what it stores but still answers, so only a possession audit can tell
 */
public record FaultInjection(double errorRate, boolean hideFromReports, boolean corruptReads) {

    public static final FaultInjection OFF = new FaultInjection(0, false, false);

    public static final String USAGE = """
            fault injection (TESTS ONLY; off by default, logged as a warning when on):
              --fault-error-rate R            answer the share R (0-1) of requests with 503 ServiceUnavailable
              --fault-hide-from-reports       meter those failures as successes in the usage shipped to the oracle
              --fault-corrupt-reads           serve every object read with inverted bytes (possession audits fail)
            """;

    public FaultInjection {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("the fault error rate must be from 0 to 1, not " + errorRate);
        }
    }

    /** The fault options of {@code args} and the other arguments. */
    public record Split(FaultInjection faults, List<String> rest) {}

    public static Split split(List<String> args) {
        List<String> rest = new ArrayList<>();
        double errorRate = 0;
        boolean hide = false;
        boolean corrupt = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--fault-error-rate" -> {
                    if (i + 1 >= args.size()) throw new PlatformOptions.InvalidOption("option " + option + " needs a value");
                    errorRate = rate(option, args.get(++i));
                }
                case "--fault-hide-from-reports" -> hide = true;
                case "--fault-corrupt-reads" -> corrupt = true;
                default -> {
                    if (option.startsWith("--fault-")) throw new PlatformOptions.InvalidOption("unknown option " + option);
                    rest.add(option);
                }
            }
        }
        if (hide && errorRate == 0) {
            throw new PlatformOptions.InvalidOption("--fault-hide-from-reports hides the failures of --fault-error-rate: give both");
        }
        return new Split(new FaultInjection(errorRate, hide, corrupt), List.copyOf(rest));
    }

    private static double rate(String option, String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate >= 0 && rate <= 1) return rate;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PlatformOptions.InvalidOption(option + " must be a number from 0 to 1, not '" + value + "'");
    }

    public boolean active() {
        return errorRate > 0 || corruptReads;
    }

    /** What the node's start-up warning says. */
    public String describe() {
        List<String> faults = new ArrayList<>();
        if (errorRate > 0) {
            faults.add(String.format(java.util.Locale.ROOT, "%.1f %% of requests answered with 503 ServiceUnavailable%s", errorRate * 100,
                    hideFromReports ? ", metered as successes in the usage reported to the oracle" : ""));
        }
        if (corruptReads) faults.add("every object read serves corrupted bytes");
        return "FAULT INJECTION ON (for tests only, never on a provider's node): " + String.join("; ", faults);
    }

    /** The backend as this node serves it: as it is, or with corrupted reads. */
    public ObjectStore store(ObjectStore backend) {
        return corruptReads ? new CorruptingObjectStore(backend) : backend;
    }

    /** The request path as this node serves it: as it is, or failing a share of requests first. */
    public RequestDispatcher dispatcher(RequestDispatcher node, RequestMetering metering, Clock clock) {
        return dispatcher(node, metering, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As {@link #dispatcher(RequestDispatcher, RequestMetering, Clock)} with the dice given (tests pin them). */
    public RequestDispatcher dispatcher(RequestDispatcher node, RequestMetering metering, Clock clock, DoubleSupplier dice) {
        return active() ? new FaultInjectingDispatcher(node, this, metering, clock, dice) : node;
    }
}
