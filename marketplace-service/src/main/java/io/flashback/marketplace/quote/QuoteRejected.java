package io.flashback.marketplace.quote;

/** A quote that cannot be given as asked; the message says why. */
public class QuoteRejected extends RuntimeException {

    public QuoteRejected(String message) {
        super(message);
    }
}
