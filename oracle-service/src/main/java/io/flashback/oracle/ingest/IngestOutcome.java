package io.flashback.oracle.ingest;

import java.util.List;

/** What became of a metric batch. */
public sealed interface IngestOutcome {

    /** Stored and published. */
    record Accepted(long sequence, int samples) implements IngestOutcome {
    }

    /** The same batch was accepted before (a resend after a lost answer, or a replay): nothing changed. */
    record Duplicate(long sequence) implements IngestOutcome {
    }

    /**
     * Refused; nothing was stored.
     *
     * @param details    the findings (invalid fields), or the agreements the node does not serve
     * @param lastSequence the node's highest used sequence number (for {@link Reason#SEQUENCE_REUSED}), else 0
     */
    record Rejected(Reason reason, String detail, List<String> details, long lastSequence) implements IngestOutcome {

        public Rejected {
            details = List.copyOf(details);
        }

        public static Rejected of(Reason reason, String detail) {
            return new Rejected(reason, detail, List.of(), 0);
        }
    }

    /** Why a batch was refused; each has its HTTP status and a stable name for problem types and metrics. */
    enum Reason {
        MALFORMED(400, "Malformed batch"),
        TOO_LARGE(413, "Batch too large"),
        INVALID(400, "Invalid batch"),
        FORGED(401, "Invalid signature"),
        UNBOUND_NODE(403, "Node not bound"),
        INACTIVE_NODE(403, "Node not active"),
        SEQUENCE_REUSED(409, "Sequence number reused"),
        FOREIGN_AGREEMENT(422, "Agreement not served by the node");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        /** e.g. {@code foreign-agreement}. */
        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
