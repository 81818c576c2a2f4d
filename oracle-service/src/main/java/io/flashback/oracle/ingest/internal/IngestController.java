package io.flashback.oracle.ingest.internal;

import io.flashback.oracle.ingest.IngestMetricBatch;
import io.flashback.oracle.ingest.IngestOutcome;
import io.flashback.oracle.ingest.IngestOutcome.Reason;
import io.flashback.oracle.ingest.MetricBatch;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code POST /ingest/batches} (through the gateway {@code /api/oracle/ingest/batches}): a bridge node's signed metric
 * batch. No access token: the batch carries the node key's signature, which is checked against the key the node is
 * bound to. Answers 200 when stored, otherwise RFC 9457 problem details — 409 with {@code "duplicate": true} for a batch
 * already accepted (the node counts that as an acknowledgement), see {@link Reason} for the rest.
 */
@RestController
class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    record Stored(UUID nodeId, long sequence, int samples) {
    }

    private final IngestMetricBatch ingest;
    private final IngestMetrics metrics;
    private final long maxBodyBytes;
    private final Clock clock;

    IngestController(IngestMetricBatch ingest, IngestMetrics metrics, long maxBodyBytes, Clock clock) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @PostMapping(path = "/ingest/batches", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return refused(IngestOutcome.Rejected.of(Reason.TOO_LARGE, tooLarge()));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // read at most one byte past the limit: a body without Content-Length cannot make the oracle buffer more
            body = in.readNBytes((int) maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            return refused(IngestOutcome.Rejected.of(Reason.TOO_LARGE, tooLarge()));
        }
        MetricBatch batch;
        try {
            batch = BatchJsonReader.read(body);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            String why = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
            return refused(IngestOutcome.Rejected.of(Reason.MALFORMED, "the body is not a metric batch: " + abbreviate(why)));
        }
        IngestOutcome outcome = ingest.ingest(batch);
        return switch (outcome) {
            case IngestOutcome.Accepted accepted -> {
                metrics.record(outcome, Duration.between(batch.createdAt(), clock.instant()));
                yield ResponseEntity.ok(new Stored(batch.nodeId(), accepted.sequence(), accepted.samples()));
            }
            case IngestOutcome.Duplicate duplicate -> {
                metrics.record(outcome, Duration.ZERO);
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "batch " + duplicate.sequence() + " of node " + batch.nodeId() + " was accepted before; nothing changed");
                problem.setTitle("Batch already accepted");
                problem.setType(URI.create("https://flashback.io/problems/duplicate-batch"));
                problem.setProperty("reason", "replayed");
                problem.setProperty("duplicate", true);
                problem.setProperty("sequence", duplicate.sequence());
                yield problem(problem);
            }
            case IngestOutcome.Rejected rejected -> {
                log.info("metric batch {} of node {} refused: {}", batch.sequence(), batch.nodeId(), rejected.detail());
                yield refused(rejected);
            }
        };
    }

    private ResponseEntity<ProblemDetail> refused(IngestOutcome.Rejected rejected) {
        metrics.record(rejected, Duration.ZERO);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(rejected.reason().status()), rejected.detail());
        problem.setTitle(rejected.reason().title());
        problem.setType(URI.create("https://flashback.io/problems/" + rejected.reason().slug()));
        problem.setProperty("reason", rejected.reason().slug());
        switch (rejected.reason()) {
            case INVALID -> problem.setProperty("errors", rejected.details());
            case FOREIGN_AGREEMENT -> problem.setProperty("agreements", rejected.details());
            case SEQUENCE_REUSED -> {
                problem.setProperty("duplicate", false);
                problem.setProperty("lastSequence", rejected.lastSequence());
            }
            default -> {
            }
        }
        return problem(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private String tooLarge() {
        return "a metric batch may be at most " + maxBodyBytes + " bytes; send fewer samples per batch";
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unreadable";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
