package io.flashback.orchestrator.order;

/** Checks quote tokens the marketplace signed. */
public interface SignedQuotes {

    /** The quote in the token; {@link InvalidQuote} when it was altered, is foreign or has expired. */
    VerifiedQuote verify(String token);

    /** The marketplace could not be asked for the key its quotes are signed with; retry later. */
    class MarketplaceUnavailable extends RuntimeException {

        public MarketplaceUnavailable(String message) {
            super(message);
        }
    }

    class InvalidQuote extends RuntimeException {

        public InvalidQuote(String message) {
            super(message);
        }
    }
}
