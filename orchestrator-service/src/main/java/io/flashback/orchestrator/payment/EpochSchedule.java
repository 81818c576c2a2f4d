package io.flashback.orchestrator.payment;

import java.time.Instant;

/**
 * The epochs a fiat agreement runs, counted as the OracleHub counts them (the oracle judges fiat and crypto
 * agreements alike): {@code epochs} epochs from {@code startEpoch}, each {@code epochSeconds} long from
 * {@code genesisTime}.
 */
public record EpochSchedule(long genesisTime, long epochSeconds, long startEpoch, int epochs) {

    public EpochSchedule {
        if (epochSeconds <= 0 || startEpoch < 0 || epochs <= 0) {
            throw new IllegalArgumentException("a schedule has positive epochs from epoch 0 on");
        }
    }

    public boolean contains(long epoch) {
        return epoch >= startEpoch && epoch < startEpoch + epochs;
    }

    public boolean isLast(long epoch) {
        return epoch == startEpoch + epochs - 1;
    }

    public Instant endOf(long epoch) {
        return Instant.ofEpochSecond(genesisTime + (epoch + 1) * epochSeconds);
    }
}
