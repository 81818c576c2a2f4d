package io.flashback.oracle.ingest;

import io.flashback.chain.AgreementId;
import io.flashback.chain.NodeId;
import io.flashback.events.IntegrationEvent;
import io.flashback.events.monitor.AuditRecorded;
import io.flashback.events.monitor.ProbeRecorded;
import io.flashback.events.orchestrator.AgreementActivated;
import io.flashback.events.orchestrator.AgreementEnded;
import io.flashback.events.registry.NodeActivated;
import io.flashback.events.registry.NodeClaimed;
import io.flashback.events.registry.NodeDeactivated;
import io.flashback.oracle.epoch.OracleAgreement;
import io.flashback.oracle.epoch.OracleAgreements;
import io.flashback.oracle.evaluation.Terms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Keeps what the ingest checks and the epoch judges up to date from the other services' events: which key each node is
 * bound to and whether it is active (registry), which node serves which agreement and under which terms
 * (orchestrator), and what the platform's probes and possession audits found of each node (monitor). Idempotence is the caller's (each event is applied once, see {@code InboundEvents}); events of one
 * node or agreement arrive in order because they share a message key.
 */
public final class FollowPlatformEvents {

    private final BoundNodes nodes;
    private final ServedAgreements served;
    private final OracleAgreements judged;
    private final Observations observations;

    public FollowPlatformEvents(BoundNodes nodes, ServedAgreements served, OracleAgreements judged, Observations observations) {
        this.nodes = nodes;
        this.served = served;
        this.judged = judged;
        this.observations = observations;
    }

    /** True when the event concerns the oracle and was applied. */
    public boolean apply(IntegrationEvent event) {
        switch (event) {
            case NodeClaimed claimed -> nodes.claimed(claimed.nodeId(), claimed.nodeAddress().toLowerCase(Locale.ROOT),
                    claimed.providerWallet(), claimed.occurredAt());
            case NodeActivated activated -> nodes.activated(activated.nodeId(), activated.providerWallet(), integer(activated.collateral()),
                    activated.occurredAt());
            case NodeDeactivated deactivated -> nodes.deactivated(deactivated.nodeId(), integer(deactivated.collateral()),
                    deactivated.occurredAt());
            case AgreementActivated activated -> {
                UUID node = UUID.fromString(activated.nodeId());
                BigInteger escrowId = new BigInteger(activated.escrowAgreementId());
                served.activated(new ServedAgreements.ServedAgreement(activated.agreementId(), escrowId, node, activated.occurredAt(), null));
                judged.save(new OracleAgreement(new AgreementId(escrowId), NodeId.of(node), terms(activated), activated.startEpoch(),
                        activated.epochs()));
            }
            case AgreementEnded ended -> served.ended(ended.agreementId(), ended.occurredAt());
            case ProbeRecorded probe -> observations.probed(probe.nodeId(), probe.occurredAt(), probe.location(), probe.available(),
                    probe.ttfbMs() == null ? 0 : probe.ttfbMs().intValue(), mbps(probe.uploadMbps()), mbps(probe.downloadMbps()));
            case AuditRecorded audit -> observations.audited(audit.nodeId(), audit.occurredAt(), audit.passed());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static double mbps(BigDecimal measured) {
        return measured == null ? 0 : measured.doubleValue();
    }

    /** The orchestrator's terms as the evaluation reads them; tiers come as {@code "99.9:10,99.0:25,95.0:100"}. */
    static Terms terms(AgreementActivated a) {
        List<Terms.CreditTier> tiers = new ArrayList<>();
        if (a.creditTiers() != null && !a.creditTiers().isBlank()) {
            for (String tier : a.creditTiers().split(",")) {
                String[] parts = tier.trim().split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("credit tier '" + tier + "' is not BELOW:CREDIT");
                }
                tiers.add(new Terms.CreditTier(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
            }
        }
        double slashBelow = a.slashBelowPct() == null || a.slashBelowPct().isBlank() ? Double.NaN : Double.parseDouble(a.slashBelowPct());
        return new Terms(a.availabilityTargetPct().doubleValue(), a.averageLatencyMs(), a.uploadMbps(), a.downloadMbps(),
                a.auditPassRatePct().doubleValue(), tiers, slashBelow);
    }

    private static BigInteger integer(BigDecimal amount) {
        return amount == null ? BigInteger.ZERO : amount.toBigInteger();
    }
}
