package io.flashback.registry;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.Locale;

/** Every {@link Rejection} as RFC 9457 problem details, with a stable {@code type} per title. */
@RestControllerAdvice
class RegistryProblems {

    @ExceptionHandler(Rejection.class)
    ProblemDetail rejected(Rejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rejection.getMessage());
        problem.setTitle(rejection.title());
        problem.setType(URI.create("https://flashback.io/problems/" + rejection.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
        return problem;
    }
}
