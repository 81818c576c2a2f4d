package io.flashback.infra.process;

/** Embedded infrastructure could not be started or reached; the message says what to do. */
public class InfrastructureException extends RuntimeException {

    public InfrastructureException(String message) {
        super(message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
