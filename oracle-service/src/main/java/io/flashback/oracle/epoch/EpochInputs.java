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

    record Inputs(List<NodeSample> samples, List<Probe> probes, List<Audit> audits) {

        public static final Inputs NONE = new Inputs(List.of(), List.of(), List.of());

        public Inputs {
            samples = List.copyOf(samples);
            probes = List.copyOf(probes);
            audits = List.copyOf(audits);
        }
    }
}
