package io.flashback.chain;

import java.util.List;

/**
 * Events of a block range and the cursor after it. {@code rewound} says a re-org was detected and the
 * reader went back: events already seen may come again (ids are stable) and consumers must ignore
 * ones they processed; events carry totals (bonded, locked) so replaying them is harmless.
 */
public record EventPage(List<ChainEvent> events, BlockCursor next, boolean rewound) {

    public EventPage {
        events = List.copyOf(events);
    }
}
