package io.flashback.monitor.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JudgingAnonymousS3AnswersTest {

    private static final Duration MS = Duration.ofMillis(3);

    @Test
    void accessDeniedErrorDocumentProvesTheServerIsUp() {
        var judgment = S3Answer.judge(answered(403, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>AccessDenied</Code><Message>Anonymous access is not allowed</Message><RequestId>43E3</RequestId></Error>"""));

        assertThat(judgment.outcome()).isEqualTo(ProbeOutcome.AVAILABLE);
        assertThat(judgment.detail()).isEqualTo("S3 error AccessDenied");
    }

    @Test
    void awsStyleIndentedErrorWithOtherElementsFirstIsAnS3Answer() {
        assertThat(S3Answer.judge(answered(400, "<Error>\n  <Type>Sender</Type>\n  <Code>InvalidRequest</Code>\n</Error>")).outcome())
                .isEqualTo(ProbeOutcome.AVAILABLE);
    }

    @Test
    void anonymousListingIsAnS3Answer() {
        assertThat(S3Answer.judge(answered(200, "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></ListAllMyBucketsResult>"))
                .outcome()).isEqualTo(ProbeOutcome.AVAILABLE);
    }

    @Test
    void serverErrorIsUnavailableEvenWhenItSpeaksS3() {
        var judgment = S3Answer.judge(answered(503, "<Error><Code>SlowDown</Code></Error>"));

        assertThat(judgment.outcome()).isEqualTo(ProbeOutcome.SERVER_ERROR);
        assertThat(judgment.detail()).isEqualTo("HTTP 503 S3 error SlowDown");
    }

    @Test
    void proxyPageOrEmptyBodyIsNotS3() {
        assertThat(S3Answer.judge(answered(200, "<html><body>Welcome to nginx!</body></html>")).outcome()).isEqualTo(ProbeOutcome.NOT_S3);
        assertThat(S3Answer.judge(answered(403, "")).detail()).isEqualTo("HTTP 403 without an S3 document: (empty body)");
    }

    @Test
    void noConnectionAndNoAnswerInTimeAreUnavailable() {
        assertThat(S3Answer.judge(new HttpObservation.Unreachable("connection refused", MS)).outcome()).isEqualTo(ProbeOutcome.CONNECTION_FAILED);
        assertThat(S3Answer.judge(new HttpObservation.TimedOut(Optional.empty(), Duration.ofSeconds(1))))
                .isEqualTo(new S3Answer.Judgment(ProbeOutcome.TIMEOUT, "no answer after 1000 ms"));
    }

    private static HttpObservation answered(int status, String body) {
        return new HttpObservation.Answered(status, "application/xml", body, MS, MS);
    }
}
