package io.flashback.orchestrator.payment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored invoices, at most one per order. */
public interface Invoices {

    void add(Invoice invoice);

    /** Stores what the invoice received and whether it is paid. */
    void save(Invoice invoice);

    Optional<Invoice> find(UUID id);

    Optional<Invoice> ofOrder(UUID orderId);

    Optional<Invoice> byReference(String provider, String reference);

    /** The consumer's invoices, newest first. */
    List<Invoice> ofConsumer(UUID consumerId, int limit);
}
