package io.flashback.oracle.epoch.internal;

import io.flashback.chain.AgreementId;
import io.flashback.chain.NodeId;
import io.flashback.oracle.epoch.OracleAgreement;
import io.flashback.oracle.epoch.OracleAgreements;
import io.flashback.oracle.evaluation.Terms;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link OracleAgreements} in the {@code oracle_agreement} table. */
public final class JdbcOracleAgreements implements OracleAgreements {

    private final JdbcTemplate jdbc;

    public JdbcOracleAgreements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(OracleAgreement a) {
        Terms t = a.terms();
        Double[] below = t.creditTiers().stream().map(Terms.CreditTier::belowAvailabilityPct).toArray(Double[]::new);
        Double[] credit = t.creditTiers().stream().map(Terms.CreditTier::creditPct).toArray(Double[]::new);
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    insert into oracle_agreement (agreement_id, node_id, start_epoch, epochs, availability_target_pct, average_latency_ms,
                        upload_mbps, download_mbps, audit_pass_rate_pct, credit_below_pct, credit_pct, slash_below_pct)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (agreement_id) do update set node_id = excluded.node_id, start_epoch = excluded.start_epoch,
                        epochs = excluded.epochs, availability_target_pct = excluded.availability_target_pct,
                        average_latency_ms = excluded.average_latency_ms, upload_mbps = excluded.upload_mbps,
                        download_mbps = excluded.download_mbps, audit_pass_rate_pct = excluded.audit_pass_rate_pct,
                        credit_below_pct = excluded.credit_below_pct, credit_pct = excluded.credit_pct,
                        slash_below_pct = excluded.slash_below_pct""");
            statement.setBigDecimal(1, new BigDecimal(a.id().value()));
            statement.setString(2, a.node().value().value());
            statement.setLong(3, a.startEpoch());
            statement.setInt(4, a.epochs());
            statement.setDouble(5, t.availabilityTargetPct());
            statement.setInt(6, t.averageLatencyMs());
            statement.setDouble(7, t.uploadMbps());
            statement.setDouble(8, t.downloadMbps());
            statement.setDouble(9, t.auditPassRatePct());
            statement.setArray(10, connection.createArrayOf("float8", below));
            statement.setArray(11, connection.createArrayOf("float8", credit));
            if (Double.isNaN(t.slashBelowPct())) {
                statement.setNull(12, java.sql.Types.DOUBLE);
            } else {
                statement.setDouble(12, t.slashBelowPct());
            }
            return statement;
        });
    }

    @Override
    public List<OracleAgreement> activeIn(long epoch) {
        return jdbc.query("select * from oracle_agreement where start_epoch <= ? and start_epoch + epochs > ? order by agreement_id",
                (rs, n) -> agreement(rs), epoch, epoch);
    }

    private static OracleAgreement agreement(ResultSet rs) throws SQLException {
        Double[] below = doubles(rs.getArray("credit_below_pct"));
        Double[] credit = doubles(rs.getArray("credit_pct"));
        List<Terms.CreditTier> tiers = new ArrayList<>();
        for (int i = 0; i < below.length; i++) {
            tiers.add(new Terms.CreditTier(below[i], credit[i]));
        }
        double slashBelow = rs.getDouble("slash_below_pct");
        if (rs.wasNull()) {
            slashBelow = Double.NaN;
        }
        Terms terms = new Terms(rs.getDouble("availability_target_pct"), rs.getInt("average_latency_ms"), rs.getDouble("upload_mbps"),
                rs.getDouble("download_mbps"), rs.getDouble("audit_pass_rate_pct"), tiers, slashBelow);
        return new OracleAgreement(new AgreementId(rs.getBigDecimal("agreement_id").toBigIntegerExact()), NodeId.of(rs.getString("node_id")),
                terms, rs.getLong("start_epoch"), rs.getInt("epochs"));
    }

    private static Double[] doubles(Array array) throws SQLException {
        return (Double[]) array.getArray();
    }
}
