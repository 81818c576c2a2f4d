package io.flashback.marketplace.search;

/** Finds listed Data Units matching a query, one keyset page at a time. */
public interface DataUnitSearch {

    SearchPage search(SearchQuery query);
}
