package io.flashback.registry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.Locale;

/** Every {@link Rejection} as RFC 9457 problem details, with a stable {@code type} per title. */
@RestControllerAdvice
class RegistryProblems {

    /** 429 with the seconds until the client's window ends (RFC 9110 §10.2.3, RFC 6585 §4). */
    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequests rejection) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, String.valueOf(rejection.retryAfterSeconds()))
                .body(rejected(rejection));
    }

    @ExceptionHandler(Rejection.class)
    ProblemDetail rejected(Rejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rejection.getMessage());
        problem.setTitle(rejection.title());
        problem.setType(URI.create("https://flashback.io/problems/" + rejection.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
        return problem;
    }
}
