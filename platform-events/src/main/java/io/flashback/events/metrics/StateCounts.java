package io.flashback.events.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A gauge per state of one kind of record (agreements, bridge nodes …), counted in the service's own database
 * for the operators' Grafana dashboards. Declared as a bean, it is refreshed by the {@link StateCountsRefresher}
 * (every {@code flashback.metrics.state-counts-interval}, 15 s by default). Every known state is exported, with 0
 * when nothing is in it, so a dashboard panel has data from the first scrape on.
 */
public final class StateCounts {

    private static final Logger log = LoggerFactory.getLogger(StateCounts.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcTemplate jdbc;
    private final String sql;
    private final String tag;
    private final List<String> states;
    private final MultiGauge gauge;

    /**
     * @param table  the table holding the records
     * @param column its state column, exported as the tag of the same name
     * @param states every state the column can hold
     */
    public StateCounts(MeterRegistry meters, JdbcTemplate jdbc, String metric, String description, String table, String column,
                       Enum<?>[] states) {
        this(meters, jdbc, metric, description, table, column, Arrays.stream(states).map(Enum::name).toList());
    }

    public StateCounts(MeterRegistry meters, JdbcTemplate jdbc, String metric, String description, String table, String column,
                       List<String> states) {
        this.tag = column;
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("table and column must be plain identifiers: " + table + "." + column);
        }
        this.jdbc = jdbc;
        this.sql = "select " + column + ", count(*) from " + table + " group by " + column;
        this.states = List.copyOf(states);
        this.gauge = MultiGauge.builder(metric).description(description).register(meters);
        publish(Map.of());
    }

    /** Counts again; a database that cannot answer leaves the last counts in place. */
    public void refresh() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            jdbc.query(sql, row -> {
                counts.put(row.getString(1), row.getLong(2));
            });
        } catch (DataAccessException e) {
            log.debug("state counts not refreshed: {}", e.toString());
            return;
        }
        publish(counts);
    }

    private void publish(Map<String, Long> counts) {
        Map<String, Long> all = new LinkedHashMap<>();
        states.forEach(state -> all.put(state, 0L));
        all.putAll(counts);
        gauge.register(all.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of(tag, entry.getKey()), entry.getValue())).toList(), true);
    }
}
