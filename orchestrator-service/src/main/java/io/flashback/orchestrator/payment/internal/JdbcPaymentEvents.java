package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.Money;
import io.flashback.orchestrator.payment.PaymentEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcPaymentEvents implements PaymentEvents {

    private final JdbcTemplate jdbc;

    JdbcPaymentEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String provider, String eventId, String type, Instant at) {
        // a concurrent delivery of the same event waits here for the first one's transaction and then finds it taken
        return jdbc.update("insert into payment_event (provider, event_id, type, received_at) values (?, ?, ?, ?) on conflict do nothing",
                provider, eventId, type, Timestamp.from(at)) == 1;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void outcome(String provider, String eventId, Optional<UUID> invoiceId, Optional<Money> amount, String outcome) {
        jdbc.update("update payment_event set invoice_id = ?, currency = ?, amount = ?, outcome = ? where provider = ? and event_id = ?",
                invoiceId.orElse(null), amount.map(Money::currency).orElse(null), amount.map(Money::amount).orElse(null), outcome, provider, eventId);
    }

    @Override
    public List<ReceivedPayment> paymentsOf(UUID invoiceId) {
        return jdbc.query("select event_id, amount, currency, received_at, outcome from payment_event where invoice_id = ? and amount is not null "
                        + "order by received_at, event_id", (rs, row) -> new ReceivedPayment(rs.getString(1), new Money(rs.getBigDecimal(2), rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)), invoiceId);
    }
}
