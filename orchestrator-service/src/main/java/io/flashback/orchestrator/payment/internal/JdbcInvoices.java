package io.flashback.orchestrator.payment.internal;

import io.flashback.orchestrator.payment.Invoice;
import io.flashback.orchestrator.payment.Invoices;
import io.flashback.orchestrator.payment.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcInvoices implements Invoices {

    private static final String SELECT = "select id, order_id, consumer_id, currency, amount, received, provider, reference, how_to_pay, state, "
            + "created_at, paid_at from invoice";

    private final JdbcTemplate jdbc;

    JdbcInvoices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(Invoice invoice) {
        jdbc.update("insert into invoice (id, order_id, consumer_id, currency, amount, received, provider, reference, how_to_pay, state, created_at, "
                        + "paid_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", invoice.id(), invoice.orderId(), invoice.consumerId(), invoice.currency(),
                invoice.amount().amount(), invoice.received().amount(), invoice.provider(), invoice.reference(), invoice.howToPay(),
                invoice.state().name(), Timestamp.from(invoice.createdAt()), invoice.paidAt().map(Timestamp::from).orElse(null));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Invoice invoice) {
        jdbc.update("update invoice set received = ?, state = ?, paid_at = ? where id = ?", invoice.received().amount(), invoice.state().name(),
                invoice.paidAt().map(Timestamp::from).orElse(null), invoice.id());
    }

    @Override
    public Optional<Invoice> find(UUID id) {
        return jdbc.query(SELECT + " where id = ?", JdbcInvoices::invoice, id).stream().findFirst();
    }

    @Override
    public Optional<Invoice> ofOrder(UUID orderId) {
        return jdbc.query(SELECT + " where order_id = ?", JdbcInvoices::invoice, orderId).stream().findFirst();
    }

    @Override
    public Optional<Invoice> byReference(String provider, String reference) {
        return jdbc.query(SELECT + " where provider = ? and reference = ? for update", JdbcInvoices::invoice, provider, reference).stream().findFirst();
    }

    @Override
    public List<Invoice> ofConsumer(UUID consumerId, int limit) {
        return jdbc.query(SELECT + " where consumer_id = ? order by created_at desc, id limit ?", JdbcInvoices::invoice, consumerId, limit);
    }

    private static Invoice invoice(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Timestamp paidAt = rs.getTimestamp("paid_at");
        return new Invoice(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class), rs.getObject("consumer_id", UUID.class),
                new Money(rs.getBigDecimal("amount"), currency), rs.getString("provider"), rs.getString("reference"), rs.getString("how_to_pay"),
                Invoice.State.valueOf(rs.getString("state")), new Money(rs.getBigDecimal("received"), currency),
                rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(paidAt).map(Timestamp::toInstant));
    }
}
