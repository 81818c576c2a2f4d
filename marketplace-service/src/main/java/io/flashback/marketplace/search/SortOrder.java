package io.flashback.marketplace.search;

/** How search results are ordered; each has its own index (see V2__data_units.sql). */
public enum SortOrder {
    /** cheapest first, by the price in the reference currency */
    PRICE("reference_price", true),
    /** best rated first */
    RATING("rating", false),
    /** lowest (measured, else offered) latency first */
    LATENCY("effective_latency_ms", true);

    private final String column;
    private final boolean ascending;

    SortOrder(String column, boolean ascending) {
        this.column = column;
        this.ascending = ascending;
    }

    String column() {
        return column;
    }

    boolean ascending() {
        return ascending;
    }
}
