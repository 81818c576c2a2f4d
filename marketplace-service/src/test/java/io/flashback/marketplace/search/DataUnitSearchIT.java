package io.flashback.marketplace.search;

import org.junit.jupiter.api.BeforeEach;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Marketplace search on a real PostgreSQL, through the public HTTP endpoint and the port. */
class DataUnitSearchIT extends MarketplaceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataUnitSearch search;
    @Autowired
    MockMvc mvc;

    @BeforeEach
    void empty() {
        jdbc.update("delete from data_unit");
    }

    @Test
    void filtersByRegionPriceAndFreeCapacityAndHidesUnlistedUnits() {
        UUID match = DataUnitFixtures.unit(jdbc, "eu-west", "0.010", "60", 20, true, 5_000_000_000L);
        DataUnitFixtures.unit(jdbc, "eu-west", "0.030", "60", 20, true, 5_000_000_000L);
        DataUnitFixtures.unit(jdbc, "us-east", "0.005", "60", 20, true, 5_000_000_000L);
        DataUnitFixtures.unit(jdbc, "eu-west", "0.008", "60", 20, true, 1_000L);
        DataUnitFixtures.unit(jdbc, "eu-west", "0.001", "60", 20, false, 5_000_000_000L);

        SearchPage page = search.search(new SearchQuery(Optional.of("eu-west"), Optional.empty(), Optional.empty(),
                Optional.of(new BigDecimal("0.02")), Optional.of(1_000_000_000L), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), SortOrder.PRICE, 10, Optional.empty()));

        assertThat(page.items()).extracting(Listing::id).containsExactly(match);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void pagesThroughEveryMatchOnceInOrderForEachSort() {
        DataUnitFixtures.generate(jdbc, 500);
        int listed = jdbc.queryForObject("select count(*) from data_unit where listed", Integer.class);
        for (SortOrder sort : SortOrder.values()) {
            List<Listing> all = new ArrayList<>();
            Optional<SearchCursor> cursor = Optional.empty();
            do {
                SearchPage page = search.search(new SearchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), sort, 37, cursor));
                all.addAll(page.items());
                cursor = Optional.ofNullable(page.nextCursor()).map(SearchCursor::decode);
            } while (cursor.isPresent());

            Set<UUID> ids = new HashSet<>();
            all.forEach(listing -> ids.add(listing.id()));
            assertThat(ids).as(sort + " pages without duplicates or gaps").hasSize(listed);
            assertThat(all).hasSize(listed);
            for (int i = 1; i < all.size(); i++) {
                int order = switch (sort) {
                    case PRICE -> all.get(i - 1).referencePricePerGbMonth().compareTo(all.get(i).referencePricePerGbMonth());
                    case RATING -> all.get(i).rating().compareTo(all.get(i - 1).rating());
                    case LATENCY -> Integer.compare(all.get(i - 1).effectiveLatencyMs(), all.get(i).effectiveLatencyMs());
                };
                assertThat(order).as(sort + " order at " + i).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void publicEndpointSearchesWithoutSignIn() throws Exception {
        DataUnitFixtures.unit(jdbc, "ap-south", "0.004", "80", 12, true, 9_000_000_000L);
        DataUnitFixtures.unit(jdbc, "ap-south", "0.002", "40", 90, true, 9_000_000_000L);

        mvc.perform(get("/data-units").param("region", "ap-south").param("sort", "rating").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].rating").value(80.0))
                .andExpect(jsonPath("$.nextCursor").isString());
    }

    @Test
    void rejectsBadSortLimitAndForgedCursorsWithProblemDetails() throws Exception {
        mvc.perform(get("/data-units").param("sort", "cheapest"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("sort must be price, rating or latency, not 'cheapest'"));
        mvc.perform(get("/data-units").param("limit", "1000")).andExpect(status().isBadRequest());
        mvc.perform(get("/data-units").param("cursor", "not-a-cursor")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the cursor is not one this service issued"));
        String ratingCursor = new SearchCursor(SortOrder.RATING, new BigDecimal("50"), UUID.randomUUID()).encode();
        mvc.perform(get("/data-units").param("sort", "price").param("cursor", ratingCursor)).andExpect(status().isBadRequest());
        mvc.perform(get("/data-units").param("maxPrice", "cheap")).andExpect(status().isBadRequest());
    }

    @Test // #13 M4
    void unboundedNumbersInTheFiltersAreRefusedNamingTheFilter() throws Exception {
        mvc.perform(get("/data-units").param("maxPrice", "1e400000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("maxPrice must be between 0 and 1000000000 with at most 8 decimals"));
        mvc.perform(get("/data-units").param("minAvailability", "1e-400000")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("minAvailability must be between 0 and 100 with at most 3 decimals"));
        mvc.perform(get("/data-units").param("minRating", "-1")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("minRating must be between 0 and 100 with at most 2 decimals"));
        mvc.perform(get("/data-units").param("maxPrice", "0.5").param("minAvailability", "99.9").param("minRating", "50"))
                .andExpect(status().isOk());
    }
}
