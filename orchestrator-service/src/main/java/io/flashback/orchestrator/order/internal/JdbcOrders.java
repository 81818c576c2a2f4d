package io.flashback.orchestrator.order.internal;

import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcOrders implements Orders {

    private final JdbcTemplate jdbc;
    private final Agreements agreements;

    JdbcOrders(JdbcTemplate jdbc, Agreements agreements) {
        this.jdbc = jdbc;
        this.agreements = agreements;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(Order order) {
        try {
            jdbc.update("insert into agreement_order (id, consumer_id, quote_id, currency, total, payment_method, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?)", order.id(), order.consumerId(), order.quoteId(), order.currency(),
                    order.total(), order.paymentMethod(), Timestamp.from(order.createdAt()));
        } catch (DuplicateKeyException e) {
            throw new QuoteAlreadyUsed(order.quoteId());
        }
    }

    @Override
    public Optional<Order> find(UUID id) {
        return jdbc.query("select id, consumer_id, quote_id, currency, total, payment_method, created_at from agreement_order where id = ?",
                (rs, row) -> new Order(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        agreements.ofOrder(id)), id).stream().findFirst();
    }
}
