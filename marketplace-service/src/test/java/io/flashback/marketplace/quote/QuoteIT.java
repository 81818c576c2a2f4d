package io.flashback.marketplace.quote;

import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Quotes over HTTP against Data Units in a real PostgreSQL. */
class QuoteIT extends MarketplaceIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void quoteIsSignedAndVerifiesUntilTampered() throws Exception {
        UUID unit = insertUnit();
        String response = mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"dataUnitIds":["%s"],"capacityBytes":%d,"termDays":60,"egressGbPerMonth":5,"currency":"USDC"}""".formatted(unit, 10L << 30)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.quote.total").value(0.4386))
                .andExpect(jsonPath("$.quote.rates[0].currency").value("USDC"))
                .andExpect(jsonPath("$.quote.rates[0].source").value("CONFIGURED"))
                .andReturn().getResponse().getContentAsString();
        String token = JsonMapper.builder().build().readTree(response).path("token").asString();

        mvc.perform(post("/quotes/verify").contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + token + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0.4386));
        String tampered = (token.charAt(5) == 'A' ? 'B' : 'A') + "";
        tampered = token.substring(0, 5) + tampered + token.substring(6);
        mvc.perform(post("/quotes/verify").contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"" + tampered + "\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/quotes/signing-key")).andExpect(status().isOk()).andExpect(jsonPath("$.algorithm").value("Ed25519"));
    }

    @Test
    void refusedQuoteSaysWhy() throws Exception {
        UUID unit = insertUnit();
        mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"dataUnitIds":["%s"],"capacityBytes":%d,"termDays":60,"currency":"USDC"}""".formatted(unit, 1L << 50)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("Quote refused"));
        mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("{\"dataUnitIds\":[],\"capacityBytes\":-1}"))
                .andExpect(status().isBadRequest());
    }

    @Test // #13 M4
    void anUnboundedEgressEstimateIsRefusedNamingTheFieldBeforeAnythingIsPriced() throws Exception {
        UUID unit = insertUnit();
        for (String egress : List.of("\"1e400000\"", "1e400000", "1E+400000", "1e-400000", "1000000001", "0.0000001")) {
            String answer = mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                            {"dataUnitIds":["%s"],"capacityBytes":1024,"termDays":30,"egressGbPerMonth":%s,"currency":"USDC"}""".formatted(unit, egress)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.title").value("Invalid request"))
                    .andExpect(jsonPath("$.errors[0].field").value("egressGbPerMonth"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(answer).as(egress).hasSizeLessThan(1024);
        }
    }

    @Test // #13 M4
    void everyNumberOfAQuoteIsBounded() throws Exception {
        UUID unit = insertUnit();
        mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"dataUnitIds":["%s"],"capacityBytes":%d,"termDays":30,"currency":"USDC"}""".formatted(unit, (1L << 60) + 1)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("capacityBytes"));
        mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"dataUnitIds":["%s"],"capacityBytes":1024,"termDays":3651,"currency":"USDC"}""".formatted(unit)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("termDays"));
        mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"dataUnitIds":["%s"],"capacityBytes":1024,"termDays":30,"egressGbPerMonth":1000000000,"currency":"USDC"}""".formatted(unit)))
                .andExpect(status().isCreated());
    }

    private UUID insertUnit() {
        UUID id = UUID.randomUUID();
        // 10 GiB x 2 months x 0.02 = 0.40; egress 5 GB x 2 x 0.003 = 0.03; fee 2 % of 0.43 = 0.0086
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at)
                values (?, ?, 'node-q', 'AVAILABLE', true, ?, 0, 'USDC', 0.02, 0.003, 0.02, 'eu-west', 'DE', true, false, 99.9,
                  30, 100, 200, 100, 30, 365, array['evm:31337:USDC'], true, false, 50, 30, now(), now())""",
                id, UUID.randomUUID(), 1L << 40);
        return id;
    }
}
