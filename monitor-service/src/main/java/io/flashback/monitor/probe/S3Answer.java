package io.flashback.monitor.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that decides whether an unsigned request reached a working S3 server. Without credentials
 * the server must refuse, so the refusal itself is the proof: an S3 error document
 * ({@code <Error><Code>AccessDenied</Code>…}, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html)
 * or an S3 result document means the S3 layer is up. A 5xx is a failing server even when it speaks S3
 * (503 SlowDown is an outage for the client), and anything that is not S3 XML — a proxy's HTML page,
 * an empty 200 — does not show that the storage answers.
 */
public final class S3Answer {

    private static final Pattern ERROR_CODE = Pattern.compile("<Error>\\s*(?:<[^>]+>[^<]*</[^>]+>\\s*)*?<Code>([A-Za-z0-9.]+)</Code>");
    private static final Pattern RESULT = Pattern.compile("<(ListAllMyBucketsResult|ListBucketResult)[\\s>]");
    private static final int DETAIL_CHARACTERS = 120;

    private S3Answer() {
    }

    public record Judgment(ProbeOutcome outcome, String detail) {
    }

    public static Judgment judge(HttpObservation observation) {
        return switch (observation) {
            case HttpObservation.Unreachable unreachable -> new Judgment(ProbeOutcome.CONNECTION_FAILED, unreachable.reason());
            case HttpObservation.TimedOut timedOut -> new Judgment(ProbeOutcome.TIMEOUT,
                    timedOut.timeToFirstByte().isPresent() ? "answer incomplete after " + timedOut.elapsed().toMillis() + " ms"
                            : "no answer after " + timedOut.elapsed().toMillis() + " ms");
            case HttpObservation.Answered answered -> judge(answered.status(), answered.body());
        };
    }

    static Judgment judge(int status, String body) {
        String text = body == null ? "" : body;
        Matcher error = ERROR_CODE.matcher(text);
        boolean s3Error = error.find();
        if (status >= 500) {
            return new Judgment(ProbeOutcome.SERVER_ERROR, "HTTP " + status + (s3Error ? " S3 error " + error.group(1) : ""));
        }
        if (s3Error) {
            return new Judgment(ProbeOutcome.AVAILABLE, "S3 error " + error.group(1));
        }
        if (status >= 200 && status < 300 && RESULT.matcher(text).find()) {
            return new Judgment(ProbeOutcome.AVAILABLE, "S3 result");
        }
        return new Judgment(ProbeOutcome.NOT_S3, "HTTP " + status + " without an S3 document: " + excerpt(text));
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        if (flat.isEmpty()) {
            return "(empty body)";
        }
        return flat.length() <= DETAIL_CHARACTERS ? flat : flat.substring(0, DETAIL_CHARACTERS) + "…";
    }
}
