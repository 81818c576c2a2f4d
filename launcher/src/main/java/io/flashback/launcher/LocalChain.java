package io.flashback.launcher;

import io.flashback.chain.deploy.DeploymentPlan;

import java.util.List;
import java.util.Map;

/**
 * How the contracts are deployed on the local chain at the first {@code up} (a later {@code up} reuses the deployment):
 * {@code FLASHBACK_EPOCH_SECONDS} is OracleHub's epoch length (default 3600), {@code FLASHBACK_VALIDATORS} how many validators
 * form the set (keys generated into the state directory, see {@link LocalSecrets}; default 4, with k = 3; with 1, k = 1
 * and the one local oracle, which signs with validator 1's key, reports and settles epochs alone).
 */
public record LocalChain(long epochSeconds, int validators) {

    public LocalChain {
        if (epochSeconds < 1) {
            throw new LauncherException("FLASHBACK_EPOCH_SECONDS must be a positive number of seconds, not " + epochSeconds);
        }
        if (validators < 1 || validators > 4) {
            throw new LauncherException("FLASHBACK_VALIDATORS must be 1 to 4, not " + validators);
        }
    }

    public static LocalChain fromEnvironment(Map<String, String> env) {
        return new LocalChain(number(env, "FLASHBACK_EPOCH_SECONDS", 3600), (int) number(env, "FLASHBACK_VALIDATORS", 4));
    }

    /** The variables that give these settings to the infrastructure process. */
    Map<String, String> environment() {
        return Map.of("FLASHBACK_EPOCH_SECONDS", String.valueOf(epochSeconds), "FLASHBACK_VALIDATORS", String.valueOf(validators));
    }

    /** The Deployer's options for these settings, with the validators' addresses. */
    List<String> deployerOptions(List<String> validatorAddresses) {
        String addresses = String.join(",", validatorAddresses);
        return List.of("--epoch-length", String.valueOf(epochSeconds), "--validators", addresses,
                "--threshold", String.valueOf(DeploymentPlan.defaultThreshold(validators)));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new LauncherException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
