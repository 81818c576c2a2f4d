package io.flashback.monitor.reputation.internal;

import io.flashback.monitor.reputation.Reputation;
import io.flashback.monitor.reputation.Subject;
import io.flashback.monitor.reputation.SubjectKind;
import io.flashback.monitor.web.NotFound;
import io.flashback.monitor.web.PathIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reputations with their reasons and warnings, visible to both sides of the market without signing in
 * (ARCHITECTURE.md §5). A subject that is known but not scored yet shows the starting 50.
 */
@RestController
class ReputationController {

    private static final int WARNINGS_SHOWN = 30;

    record ReputationView(SubjectKind subject, String id, double score, LocalDate asOf, List<Reputation.Change> changes,
                          List<JdbcReputations.WarningView> warnings, List<JdbcReputations.UnitScore> dataUnits) {
    }

    private final JdbcReputations reputations;

    ReputationController(JdbcReputations reputations) {
        this.reputations = reputations;
    }

    @GetMapping("/providers/{wallet}/reputation")
    ReputationView provider(@PathVariable String wallet) {
        Subject subject = Subject.provider(PathIds.wallet(wallet));
        return view(subject, reputations.dataUnitsOf(subject.id()));
    }

    @GetMapping("/data-units/{dataUnitId}/reputation")
    ReputationView dataUnit(@PathVariable String dataUnitId) {
        Subject subject = Subject.dataUnit(PathIds.uuid("dataUnitId", dataUnitId).toString());
        return view(subject, null);
    }

    private ReputationView view(Subject subject, List<JdbcReputations.UnitScore> dataUnits) {
        if (!reputations.knows(subject)) {
            throw new NotFound("no reputation is kept for " + subject.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                    + subject.id());
        }
        Optional<Reputation> reputation = reputations.load(subject);
        return new ReputationView(subject.kind(), subject.id(), reputation.map(Reputation::score).orElse(Reputation.START),
                reputation.map(Reputation::asOf).orElse(null), reputation.map(Reputation::history).orElse(List.of()),
                reputations.warnings(subject, WARNINGS_SHOWN), dataUnits);
    }
}
