package io.flashback.monitor.audit;

/**
 * The rule of a possession audit: the node passes only by answering exactly the challenged bytes —
 * as many as asked, with the SHA-256 of the range as placed — within the timeout.
 */
public final class PossessionAudit {

    private PossessionAudit() {
    }

    public record Judgment(AuditOutcome outcome, String answeredSha256, String detail) {
    }

    public static Judgment judge(RangeChallenge range, String expectedSha256, CanaryAnswer answer) {
        return switch (answer) {
            case CanaryAnswer.Read read -> {
                String answered = CanaryContent.sha256Hex(read.bytes());
                if (read.bytes().length != range.length()) {
                    yield new Judgment(AuditOutcome.WRONG_BYTES, answered,
                            read.bytes().length + " bytes answered for " + range.length() + " asked (" + range + ")");
                }
                yield answered.equals(expectedSha256)
                        ? new Judgment(AuditOutcome.PASSED, answered, range.length() + " bytes match (" + range + ")")
                        : new Judgment(AuditOutcome.WRONG_BYTES, answered, range.length() + " bytes answered, SHA-256 differs (" + range + ")");
            }
            case CanaryAnswer.Missing missing -> new Judgment(AuditOutcome.MISSING, "", "canary missing: " + missing.code());
            case CanaryAnswer.TimedOut timedOut -> new Judgment(AuditOutcome.TIMEOUT, "", "no answer after " + timedOut.elapsed().toMillis() + " ms");
            case CanaryAnswer.Refused refused -> new Judgment(AuditOutcome.ERROR, "", "refused: HTTP " + refused.status() + " " + refused.code());
            case CanaryAnswer.Failed failed -> new Judgment(AuditOutcome.ERROR, "",
                    failed.status() == 0 ? failed.detail() : "HTTP " + failed.status() + " " + failed.detail());
            case CanaryAnswer.Stored stored -> new Judgment(AuditOutcome.ERROR, "", "the node answered a read without bytes");
        };
    }
}
