package io.flashback.marketplace.dataunit.internal;

import io.flashback.marketplace.dataunit.DataUnitState;
import io.flashback.marketplace.node.ProviderNodes;
import io.flashback.marketplace.quote.ExchangeRates;
import io.flashback.marketplace.rating.Reputations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A provider lists capacity on one of its own ACTIVE bridge nodes and moves its units in and out of
 * maintenance. Only the provider whose wallet claimed the node may do either.
 */
@Service
class DataUnitListings {

    /** What a provider offers on a node. */
    record NewDataUnit(UUID nodeId, long capacityBytes, String currency, BigDecimal pricePerGbMonth, BigDecimal egressPricePerGb,
                       String region, String country, boolean s3, boolean gcs, BigDecimal availabilityPct, int latencyMs, int uploadMbps,
                       int downloadMbps, int errorRatePpm, int minTermDays, int maxTermDays, List<String> paymentMethods,
                       boolean encryptionAtRest, boolean versioning) {
    }

    /** Moves a provider may make; RESERVED and IN_USE follow from reservations, not from the provider. */
    private static final Map<DataUnitState, Set<DataUnitState>> PROVIDER_MOVES = Map.of(
            DataUnitState.AVAILABLE, EnumSet.of(DataUnitState.MAINTENANCE, DataUnitState.DECOMMISSIONING),
            DataUnitState.RESERVED, EnumSet.of(DataUnitState.MAINTENANCE, DataUnitState.DECOMMISSIONING),
            DataUnitState.IN_USE, EnumSet.of(DataUnitState.MAINTENANCE, DataUnitState.DECOMMISSIONING),
            DataUnitState.MAINTENANCE, EnumSet.of(DataUnitState.AVAILABLE, DataUnitState.DECOMMISSIONING));

    private static final BigDecimal STARTING_RATING = BigDecimal.valueOf(50);

    private final JdbcTemplate jdbc;
    private final ProviderNodes nodes;
    private final ExchangeRates rates;
    private final Reputations reputations;
    private final Clock clock;

    DataUnitListings(JdbcTemplate jdbc, ProviderNodes nodes, ExchangeRates rates, Reputations reputations, Clock clock) {
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.rates = rates;
        this.reputations = reputations;
        this.clock = clock;
    }

    @Transactional
    UUID list(String wallet, UUID providerId, NewDataUnit unit) {
        ProviderNodes.ProviderNode node = nodes.find(unit.nodeId())
                .filter(found -> wallet.equalsIgnoreCase(found.providerWallet()))
                .orElseThrow(() -> new ListingRefused(404, "node " + unit.nodeId() + " is not one of your claimed nodes"));
        if (!node.sells()) {
            throw new ListingRefused(409, "node " + unit.nodeId() + " is not ACTIVE (claimed, online and collateralised): "
                    + "it cannot sell capacity now");
        }
        if (!unit.s3() && !unit.gcs()) {
            throw new ListingRefused(400, "a data unit offers S3, GCS or both");
        }
        if (unit.maxTermDays() < unit.minTermDays()) {
            throw new ListingRefused(400, "the maximum term is shorter than the minimum term");
        }
        BigDecimal rate = rates.inReference(unit.currency())
                .orElseThrow(() -> new ListingRefused(400, "currency " + unit.currency() + " is not accepted"));
        // a new unit has no reputation of its own yet: it starts with its provider's
        BigDecimal rating = reputations.ofProvider(wallet).orElse(STARTING_RATING);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at,
                  certification_tier, certification_rank, certified_until)
                select ?, ?, ?, 'AVAILABLE', true, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                  n.certification_tier, case n.certification_tier when 'GOLD' then 3 when 'SILVER' then 2 when 'BRONZE' then 1 else 0 end,
                  n.certified_until
                from (select 1) one left join provider_node n on n.node_id = ?::uuid""",
                id, providerId, unit.nodeId().toString(), unit.capacityBytes(), unit.currency(), unit.pricePerGbMonth(),
                unit.egressPricePerGb(), unit.pricePerGbMonth().multiply(rate, MathContext.DECIMAL64), unit.region(),
                unit.country().toUpperCase(Locale.ROOT), unit.s3(), unit.gcs(), unit.availabilityPct(), unit.latencyMs(), unit.uploadMbps(),
                unit.downloadMbps(), unit.errorRatePpm(), unit.minTermDays(), unit.maxTermDays(),
                unit.paymentMethods().toArray(String[]::new), unit.encryptionAtRest(), unit.versioning(), rating, unit.latencyMs(),
                Timestamp.from(now), Timestamp.from(now), unit.nodeId().toString());
        return id;
    }

    @Transactional
    void move(String wallet, UUID unitId, DataUnitState target) {
        List<Object[]> found = jdbc.query("select u.state, n.provider_wallet from data_unit u left join provider_node n "
                        + "on n.node_id::text = u.node_id where u.id = ? for update of u",
                (rs, row) -> new Object[] {DataUnitState.valueOf(rs.getString(1)), rs.getString(2)}, unitId);
        if (found.isEmpty() || !wallet.equalsIgnoreCase((String) found.getFirst()[1])) {
            throw new ListingRefused(404, "data unit " + unitId + " is not one of yours");
        }
        DataUnitState current = (DataUnitState) found.getFirst()[0];
        if (!PROVIDER_MOVES.getOrDefault(current, Set.of()).contains(target)) {
            throw new ListingRefused(409, "a " + current + " data unit cannot be moved to " + target);
        }
        DataUnitState next = target == DataUnitState.AVAILABLE ? restored(unitId) : target;
        jdbc.update("""
                update data_unit u set state = ?, listed = (? in ('AVAILABLE', 'RESERVED', 'IN_USE') and coalesce(n.claimed and n.online and n.active, false)),
                                       updated_at = ?, version = u.version + 1
                from provider_node n where u.id = ? and n.node_id::text = u.node_id""",
                next.name(), next.name(), Timestamp.from(clock.instant()), unitId);
    }

    /** Leaving maintenance returns a unit to RESERVED when agreements still hold capacity on it. */
    private DataUnitState restored(UUID unitId) {
        Long reserved = jdbc.queryForObject("select reserved_bytes from data_unit where id = ?", Long.class, unitId);
        return reserved != null && reserved > 0 ? DataUnitState.RESERVED : DataUnitState.AVAILABLE;
    }

    /** A listing the provider cannot make, with the HTTP status that says why. */
    static class ListingRefused extends RuntimeException {

        private final int status;

        ListingRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
