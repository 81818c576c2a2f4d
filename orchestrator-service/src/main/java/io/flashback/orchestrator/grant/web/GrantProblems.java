package io.flashback.orchestrator.grant.web;

import io.flashback.orchestrator.grant.NoActiveGrant;
import io.flashback.orchestrator.grant.NotThisNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The grant refusals as RFC 9457 problem details (the agreement ones are rendered by the web package's Problems). */
@RestControllerAdvice
class GrantProblems {

    @ExceptionHandler(NotThisNode.class)
    ProblemDetail notThisNode(NotThisNode e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(NoActiveGrant.class)
    ProblemDetail noActiveGrant(NoActiveGrant e) {
        return problem(HttpStatus.CONFLICT, "No active grant", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
