package io.flashback.oracle.epoch;

import io.flashback.chain.AgreementId;
import io.flashback.oracle.evaluation.Audit;
import io.flashback.oracle.evaluation.NodeSample;
import io.flashback.oracle.evaluation.Probe;

import java.time.Instant;
import java.util.List;

/** What the oracle measured of an agreement: node minute samples, probes and audits, as stored. */
public interface EpochInputs {

    /** An agreement's inputs in [from, to), in a canonical order (by time, then location). */
    Inputs of(AgreementId agreement, Instant from, Instant to);

    void append(AgreementId agreement, Inputs inputs);

    /**
     * How punctually the node reported the agreement's minutes in [from, to): the minutes it reported, and those whose
     * (last) batch reached the platform more than {@code deadline} after the minute ended. The time is the accepting
     * validator's, which every validator stores with the batch, so all agree.
     */
    Punctuality punctuality(AgreementId agreement, Instant from, Instant to, java.time.Duration deadline);

    record Punctuality(long minutesReported, long minutesLate) {

        public static final Punctuality NONE = new Punctuality(0, 0);

        /** The verdict's flag: {@code REPORTS_ON_TIME}, {@code REPORTS_LATE:<late>_OF_<reported>_MINUTES}, or none without reports. */
        public java.util.Optional<String> flag() {
            if (minutesReported == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(minutesLate == 0 ? "REPORTS_ON_TIME" : "REPORTS_LATE:" + minutesLate + "_OF_" + minutesReported + "_MINUTES");
        }
    }

    record Inputs(List<NodeSample> samples, List<Probe> probes, List<Audit> audits) {

        public static final Inputs NONE = new Inputs(List.of(), List.of(), List.of());

        public Inputs {
            samples = List.copyOf(samples);
            probes = List.copyOf(probes);
            audits = List.copyOf(audits);
        }
    }
}
