package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.PaymentProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The payment refusals as RFC 9457 problem details (not-yours, bad input and conflicts are rendered by the web package's Problems). */
@RestControllerAdvice
class PaymentProblems {

    @ExceptionHandler(PaymentProvider.WebhookRejected.class)
    ProblemDetail rejected(PaymentProvider.WebhookRejected e) {
        return problem(HttpStatus.UNAUTHORIZED, "Webhook rejected", e.getMessage());
    }

    @ExceptionHandler(PaymentProvider.MalformedWebhook.class)
    ProblemDetail malformed(PaymentProvider.MalformedWebhook e) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed webhook", e.getMessage());
    }

    @ExceptionHandler(PaymentController.WebhookTooLarge.class)
    ProblemDetail tooLarge(PaymentController.WebhookTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Webhook too large", e.getMessage());
    }

    @ExceptionHandler(PaymentProvider.FiatPaymentsUnavailable.class)
    ProblemDetail unavailable(PaymentProvider.FiatPaymentsUnavailable e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Fiat payments unavailable", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
