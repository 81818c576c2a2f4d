package io.flashback.oracle.epoch;

import io.flashback.oracle.evaluation.Audit;
import io.flashback.oracle.evaluation.NodeSample;
import io.flashback.oracle.evaluation.Probe;
import io.flashback.oracle.evaluation.Terms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * SHA-256 over a canonical text of everything a verdict rests on — the agreement, the epoch's bounds,
 * the terms and every input in stored order — so a verdict can be re-checked later against the kept
 * inputs, and two validators that disagree can see whether they saw different inputs.
 */
public final class InputsDigest {

    private InputsDigest() {
    }

    public static String of(OracleAgreement agreement, Instant start, Instant end, EpochInputs.Inputs inputs) {
        MessageDigest sha = sha256();
        Terms t = agreement.terms();
        line(sha, "agreement " + agreement.id() + " node " + agreement.node() + " epoch " + start + " " + end);
        line(sha, "terms " + t.availabilityTargetPct() + " " + t.averageLatencyMs() + " " + t.uploadMbps() + " " + t.downloadMbps()
                + " " + t.auditPassRatePct() + " " + t.creditTiers() + " " + t.slashBelowPct());
        for (NodeSample s : inputs.samples()) {
            line(sha, "sample " + s.minute() + " " + s.requests() + " " + s.serverErrors() + " " + s.clientErrors() + " "
                    + s.latencySumMs() + " " + s.uploadMbps() + " " + s.downloadMbps());
        }
        for (Probe p : inputs.probes()) {
            line(sha, "probe " + p.at() + " " + p.location() + " " + p.succeeded() + " " + p.ttfbMs() + " " + p.uploadMbps() + " "
                    + p.downloadMbps());
        }
        for (Audit a : inputs.audits()) {
            line(sha, "audit " + a.at() + " " + a.passed());
        }
        return "0x" + HexFormat.of().formatHex(sha.digest());
    }

    private static void line(MessageDigest sha, String text) {
        sha.update((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
