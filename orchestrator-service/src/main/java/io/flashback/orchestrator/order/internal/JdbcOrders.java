package io.flashback.orchestrator.order.internal;

import io.flashback.orchestrator.agreement.Agreements;
import io.flashback.orchestrator.order.Order;
import io.flashback.orchestrator.order.Orders;
import org.springframework.dao.DuplicateKeyException;
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
class JdbcOrders implements Orders {

    private static final String SELECT = "select id, consumer_id, consumer_wallet, quote_id, currency, total, payment_method, created_at "
            + "from agreement_order";

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
            jdbc.update("insert into agreement_order (id, consumer_id, consumer_wallet, quote_id, currency, total, payment_method, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?)", order.id(), order.consumerId(), order.consumerWallet(), order.quoteId(), order.currency(),
                    order.total(), order.paymentMethod(), Timestamp.from(order.createdAt()));
        } catch (DuplicateKeyException e) {
            throw new QuoteAlreadyUsed(order.quoteId());
        }
    }

    @Override
    public Optional<Order> find(UUID id) {
        return jdbc.query(SELECT + " where id = ?", this::order, id).stream().findFirst();
    }

    @Override
    public List<Order> ofConsumer(UUID consumerId) {
        return jdbc.query(SELECT + " where consumer_id = ? order by created_at desc, id", this::order, consumerId);
    }

    private Order order(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        return new Order(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getTimestamp(8).toInstant(), agreements.ofOrder(id));
    }
}
