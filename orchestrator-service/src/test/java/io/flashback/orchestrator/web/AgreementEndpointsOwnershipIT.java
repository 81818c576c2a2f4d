package io.flashback.orchestrator.web;

import io.flashback.orchestrator.OrchestratorFixtures;
import io.flashback.orchestrator.OrchestratorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every endpoint answers only the parties of what it serves; others get 404 or 403 as problem details. */
class AgreementEndpointsOwnershipIT extends OrchestratorIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    private final UUID consumer = UUID.randomUUID();
    private final UUID provider = UUID.randomUUID();
    private final String consumerToken = bearer("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", Map.of("CONSUMER", consumer));
    private final String providerToken = bearer("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", Map.of("PROVIDER", provider));
    private final String strangerToken = bearer("0x90f79bf6eb2c4f870365e785982e1f101e93b906",
            Map.of("CONSUMER", UUID.randomUUID(), "PROVIDER", UUID.randomUUID()));

    @Test
    void consumerPlacesAnOrderAndOnlyThePartiesSeeItsAgreement() throws Exception {
        String agreement = placeOrder();
        String order = agreement.split("/")[0];
        String id = agreement.split("/")[1];

        mvc.perform(get("/orders/" + order).header("Authorization", consumerToken)).andExpect(status().isOk())
                .andExpect(jsonPath("$.agreements[0].state").value("REQUESTED"));
        mvc.perform(get("/orders").header("Authorization", consumerToken)).andExpect(jsonPath("$[0].id").value(order));
        mvc.perform(get("/orders/" + order).header("Authorization", strangerToken)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("order " + order + " not found"));
        mvc.perform(get("/orders/" + order).header("Authorization", providerToken)).andExpect(status().isNotFound());

        for (String path : new String[] {"/agreements/" + id, "/agreements/" + id + "/history"}) {
            mvc.perform(get(path).header("Authorization", consumerToken)).andExpect(status().isOk());
            mvc.perform(get(path).header("Authorization", providerToken)).andExpect(status().isOk());
            mvc.perform(get(path).header("Authorization", strangerToken)).andExpect(status().isNotFound());
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/agreements/" + id + "/escrow-terms").header("Authorization", consumerToken)).andExpect(status().isUnprocessableContent());
        mvc.perform(get("/agreements/" + id + "/escrow-terms").header("Authorization", providerToken)).andExpect(status().isNotFound());
        mvc.perform(get("/agreements?as=provider").header("Authorization", providerToken)).andExpect(jsonPath("$[0].id").value(id));
        mvc.perform(get("/agreements?as=provider").header("Authorization", consumerToken)).andExpect(status().isForbidden());
        mvc.perform(get("/agreements").header("Authorization", strangerToken)).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void onlyTheAgreementsProviderDecidesIt() throws Exception {
        String id = placeOrder().split("/")[1];
        String accept = "{\"decision\":\"ACCEPT\",\"reason\":\"room left\"}";

        mvc.perform(post("/agreements/" + id + "/decision").header("Authorization", strangerToken).contentType(MediaType.APPLICATION_JSON)
                .content(accept)).andExpect(status().isNotFound());
        mvc.perform(post("/agreements/" + id + "/decision").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                .content(accept)).andExpect(status().isForbidden());
        mvc.perform(post("/agreements/" + id + "/decision").header("Authorization", providerToken).contentType(MediaType.APPLICATION_JSON)
                .content(accept)).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACCEPTED"));
        mvc.perform(post("/agreements/" + id + "/decision").header("Authorization", providerToken).contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"REJECT\"}")).andExpect(status().isConflict());
        mvc.perform(get("/agreements/" + id + "/history").header("Authorization", consumerToken))
                .andExpect(jsonPath("$[1].reason").value("accepted by the provider: room left"));
    }

    @Test // #13 M4
    void anUnboundedMinimumPriceIsRefusedNamingTheField() throws Exception {
        for (String price : new String[] {"1e400000", "1e-400000", "-1"}) {
            mvc.perform(put("/acceptance-rules").header("Authorization", providerToken).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"mode\":\"AUTOMATIC\",\"currency\":\"USDC\",\"minPricePerGibMonth\":" + price
                                    + ",\"maxCapacityBytes\":2147483648,\"minTermDays\":1,\"maxTermDays\":365}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("minPricePerGibMonth"));
        }
    }

    @Test
    void providersAutomaticRulesDecideNewRequests() throws Exception {
        mvc.perform(put("/acceptance-rules").header("Authorization", providerToken).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"AUTOMATIC\",\"currency\":\"USDC\",\"minPricePerGibMonth\":0.01,\"maxCapacityBytes\":2147483648,"
                        + "\"minTermDays\":1,\"maxTermDays\":365}")).andExpect(status().isOk());
        mvc.perform(get("/acceptance-rules").header("Authorization", strangerToken)).andExpect(status().isNotFound());
        mvc.perform(put("/acceptance-rules").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"MANUAL\",\"currency\":\"USDC\",\"minPricePerGibMonth\":0,\"maxCapacityBytes\":1,\"minTermDays\":1,"
                        + "\"maxTermDays\":1}")).andExpect(status().isForbidden());

        String within = placeOrder(1L << 30, new BigDecimal("1.00")).split("/")[1];
        String tooBig = placeOrder(8L << 30, new BigDecimal("8.00")).split("/")[1];

        mvc.perform(get("/agreements/" + within).header("Authorization", consumerToken)).andExpect(jsonPath("$.state").value("ACCEPTED"));
        mvc.perform(get("/agreements/" + tooBig + "/history").header("Authorization", consumerToken))
                .andExpect(jsonPath("$[1].to").value("REJECTED"))
                .andExpect(jsonPath("$[1].reason").value(org.hamcrest.Matchers.containsString("above the provider's maximum")));
    }

    @Test
    void aQuoteIsRefusedAsAProblem() throws Exception {
        mvc.perform(post("/orders").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quoteToken\":\"garbage\",\"paymentMethod\":\"CRYPTO\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.detail").value("not a quote token"));
        mvc.perform(post("/orders").header("Authorization", providerToken).contentType(MediaType.APPLICATION_JSON)
                .content("{\"quoteToken\":\"x.y\",\"paymentMethod\":\"CRYPTO\"}")).andExpect(status().isForbidden());
    }

    private String placeOrder() throws Exception {
        return placeOrder(1L << 30, new BigDecimal("1.00"));
    }

    /** Places a one-replica order on a node that is no platform UUID; returns "orderId/agreementId". */
    private String placeOrder(long capacityBytes, BigDecimal price) throws Exception {
        String body = mvc.perform(post("/orders").header("Authorization", consumerToken).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quoteToken\":\"" + OrchestratorFixtures.quote(provider, "node-7", capacityBytes, 30, price)
                                + "\",\"paymentMethod\":\"CRYPTO\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode order = JSON.readTree(body);
        return order.path("id").asString() + "/" + order.path("agreements").get(0).path("id").asString();
    }
}
