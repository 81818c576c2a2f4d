package io.flashback.orchestrator.order;

/** Checks quote tokens the marketplace signed. */
public interface SignedQuotes {

    /** The quote in the token; {@link InvalidQuote} when it was altered, is foreign or has expired. */
    VerifiedQuote verify(String token);

    class InvalidQuote extends RuntimeException {

        public InvalidQuote(String message) {
            super(message);
        }
    }
}
