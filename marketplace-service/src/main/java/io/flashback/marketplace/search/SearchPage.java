package io.flashback.marketplace.search;

import java.util.List;

/** One page of results and, when there is more, the cursor of the next page. */
public record SearchPage(List<Listing> items, String nextCursor) {
}
