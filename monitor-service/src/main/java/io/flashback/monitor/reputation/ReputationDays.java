package io.flashback.monitor.reputation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a reputation up to a closed day: each day with an outcome moves it by that outcome; runs of
 * days without one decay it toward 50, counted together (one reason per run, not one per day).
 */
public final class ReputationDays {

    private ReputationDays() {
    }

    /** Before and after, and the changes in between (what the published event and the history show). */
    public record Settled(Reputation before, Reputation after, List<Reputation.Change> applied) {

        public boolean moved() {
            return !applied.isEmpty() || before.score() != after.score();
        }
    }

    public static Settled settle(Reputation current, LocalDate through, Map<LocalDate, DailyOutcome> outcomes) {
        Reputation reputation = current;
        List<Reputation.Change> applied = new ArrayList<>();
        long withoutData = 0;
        for (LocalDate day = current.asOf().plusDays(1); !day.isAfter(through); day = day.plusDays(1)) {
            DailyOutcome outcome = outcomes.get(day);
            if (outcome == null) {
                withoutData++;
                continue;
            }
            if (withoutData > 0) {
                reputation = decay(reputation, day.minusDays(1), withoutData, applied);
                withoutData = 0;
            }
            List<Reputation.Change> changes = Reputation.changesFor(outcome);
            reputation = reputation.after(outcome);
            applied.addAll(changes);
        }
        if (withoutData > 0) {
            reputation = decay(reputation, through, withoutData, applied);
        }
        return new Settled(current, reputation, List.copyOf(applied));
    }

    private static Reputation decay(Reputation reputation, LocalDate day, long days, List<Reputation.Change> applied) {
        Reputation decayed = reputation.decayed(day, days);
        if (decayed.score() != reputation.score()) {
            applied.add(decayed.history().getLast());
        }
        return decayed;
    }
}
