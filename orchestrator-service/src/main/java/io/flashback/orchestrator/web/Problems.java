package io.flashback.orchestrator.web;

import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.agreement.IllegalTransition;
import io.flashback.orchestrator.escrow.EscrowPlan;
import io.flashback.orchestrator.lifecycle.NotYours;
import io.flashback.orchestrator.order.Orders;
import io.flashback.orchestrator.order.SignedQuotes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The domain's refusals as RFC 9457 problem details, rendered in one place. */
@RestControllerAdvice
class Problems {

    @ExceptionHandler(NotYours.class)
    ProblemDetail notFound(NotYours e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(Caller.NoAccount.class)
    ProblemDetail noAccount(Caller.NoAccount e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler({IllegalTransition.class, Agreements.ConcurrentChange.class, Orders.QuoteAlreadyUsed.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler({SignedQuotes.InvalidQuote.class, EscrowPlan.NotFundableOnChain.class})
    ProblemDetail unprocessable(RuntimeException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler({AgreementController.ChainNotConfigured.class, SignedQuotes.MarketplaceUnavailable.class})
    ProblemDetail unavailable(RuntimeException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
