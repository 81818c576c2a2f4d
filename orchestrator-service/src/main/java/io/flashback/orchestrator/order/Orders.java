package io.flashback.orchestrator.order;

import java.util.Optional;
import java.util.UUID;

/** Stored orders. */
public interface Orders {

    /** Stores the order head; {@link QuoteAlreadyUsed} when its quote bought an order before. */
    void add(Order order);

    Optional<Order> find(UUID id);

    /** The consumer's orders, newest first. */
    java.util.List<Order> ofConsumer(UUID consumerId);

    class QuoteAlreadyUsed extends RuntimeException {

        public QuoteAlreadyUsed(UUID quoteId) {
            super("quote " + quoteId + " has already been used for an order; ask for a new quote");
        }
    }
}
