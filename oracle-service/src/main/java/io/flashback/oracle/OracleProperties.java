package io.flashback.oracle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.oracle.*}: this service's settings, validated at start. Epoch length, genesis,
 * validator set and threshold k are not settings: they come from the deployment's address book and
 * OracleHub, so the oracle's epochs are exactly the hub's.
 *
 * @param addressBook             the deployment's address book (JSON); without it the validator pipeline is off
 * @param rpcUrl                  the chain's JSON-RPC endpoint
 * @param validatorKey            this validator's private key, hex ({@code FLASHBACK_ORACLE_VALIDATOR_KEY}); it signs roots and pays gas
 * @param validatorKeyFile        or a file with it (hex or JSON keystore, password in {@code FLASHBACK_ORACLE_VALIDATOR_KEY_PASSWORD})
 * @param journalDirectory        where sent transactions are journaled so a restart never sends one twice
 * @param judgmentDelay           how long after an epoch ends its late inputs may still arrive before it is judged
 * @param pollInterval            how often the pipeline runs; 0 turns the schedule off
 * @param takeoverAfter           how long a validator waits for the designated one before reporting and settling itself
 * @param settleBatchSize         agreements per settleBatch transaction
 * @param maxEpochsPerPass        epochs judged per pass (catching up after an outage goes in steps)
 * @param firstEpoch              first epoch to judge on an empty database; -1: the hub's next reportable epoch
 * @param probeTolerance          largest accepted gap between the probes' and the node's error rate before the probes win
 * @param minimumProbesToOverrule probes an interval needs before a node report contradicting them is flagged
 * @param maxReportedRequestsPerMinute most requests a node may claim for one agreement in one minute; a minute claiming
 *                                more is refused as a made-up volume and counted as a reporting fault (issue #13 M7)
 * @param ingest                  limits of the bridge-node metric ingest ({@code POST /ingest/batches})
 */
@Validated
@ConfigurationProperties("flashback.oracle")
public record OracleProperties(Path addressBook,
                               @DefaultValue("http://127.0.0.1:8545") @NotBlank String rpcUrl,
                               String validatorKey,
                               Path validatorKeyFile,
                               @DefaultValue("data/tx-journal") @NotNull Path journalDirectory,
                               @DefaultValue("5m") @NotNull Duration judgmentDelay,
                               @DefaultValue("30s") @NotNull Duration pollInterval,
                               @DefaultValue("30m") @NotNull Duration takeoverAfter,
                               @DefaultValue("100") @Min(1) @Max(400) int settleBatchSize,
                               @DefaultValue("48") @Min(1) int maxEpochsPerPass,
                               @DefaultValue("-1") long firstEpoch,
                               @DefaultValue("0.05") @DecimalMin("0") double probeTolerance,
                               @DefaultValue("3") @Min(1) int minimumProbesToOverrule,
                               @DefaultValue("60000") @Min(1) long maxReportedRequestsPerMinute,
                               @DefaultValue @Valid @NotNull Ingest ingest) {

    /**
     * {@code flashback.oracle.ingest.*}.
     *
     * @param maxBodySize   largest batch body; the gateway and Kafka carry the accepted batch as one message, so it stays
     *                      well under Kafka's 1 MB default
     * @param maxSamples    samples per batch
     * @param maxSampleAge  oldest minute accepted (a node resends what it spooled through an outage)
     * @param maxClockSkew  how far a node's clock may run ahead of the oracle's; also the slack around an agreement's
     *                      activation and end when checking the node served it at a sampled minute
     */
    public record Ingest(@DefaultValue("768KB") @NotNull DataSize maxBodySize,
                         @DefaultValue("1000") @Min(1) @Max(5000) int maxSamples,
                         @DefaultValue("7d") @NotNull Duration maxSampleAge,
                         @DefaultValue("5m") @NotNull Duration maxClockSkew) {
    }
}
