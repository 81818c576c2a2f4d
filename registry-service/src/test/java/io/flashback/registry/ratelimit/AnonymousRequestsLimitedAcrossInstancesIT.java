package io.flashback.registry.ratelimit;

import io.flashback.registry.RegistryApplication;
import io.flashback.registry.RegistryFixtures;
import io.flashback.registry.RegistryFixtures.Wallet;
import io.flashback.registry.RegistryIntegrationTest;
import io.flashback.registry.identity.Secrets;
import io.flashback.registry.node.NodeAnnouncement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two registry instances on one database, driven over real HTTP as the gateway forwards requests:
 * the sign-in nonces and node announcements one client IP may create are bounded in total, not per
 * instance, and an address the client puts in {@code X-Forwarded-For} itself changes nothing.
 */
class AnonymousRequestsLimitedAcrossInstancesIT {

    private static final int NONCES = 5;
    private static final int ANNOUNCEMENTS = 3;
    /** A clock that does not move, so that no window ends while the test counts. */
    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = instance("a");
        second = instance("b");
    }

    @AfterAll
    static void stopInstances() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test // #13 L8
    void nonceRequestsFromOneClientAreBoundedAcrossBothInstances() throws Exception {
        String client = randomClient();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 2 * NONCES; i++) {
            // the attacker varies the first entry (its own claim) on every request; the gateway's last entry stays its address
            answers.add(post(i % 2 == 0 ? first : second, "/auth/nonce", "", "10.0.0." + i + ", " + client));
        }

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 200).hasSize(NONCES);
        HttpResponse<String> refused = answers.getLast();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        JsonNode problem = RegistryFixtures.JSON.readTree(refused.body());
        assertThat(problem.path("title").asString()).isEqualTo("Too many requests");
        assertThat(problem.path("detail").asString()).contains(client).contains(NONCES + " sign-in nonces per 60 s");

        assertThat(post(second, "/auth/nonce", "", randomClient()).statusCode()).as("another client has its own allowance").isEqualTo(200);
    }

    @Test // #13 L8
    void announcementsFromOneClientAreBoundedAcrossBothInstances() throws Exception {
        String client = randomClient();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * ANNOUNCEMENTS; i++) {
            statuses.add(post(i % 2 == 0 ? first : second, "/nodes/announce", announcement(Wallet.generate()), client).statusCode());
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(ANNOUNCEMENTS);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(ANNOUNCEMENTS);
    }

    @Test // #13 L8
    void aRequestWithoutTheGatewaysHeaderCountsAgainstItsPeer() throws Exception {
        // straight from the test (no X-Forwarded-For): counted against 127.0.0.1, still bounded
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * NONCES + 1; i++) {
            statuses.add(post(i % 2 == 0 ? first : second, "/auth/nonce", "", null).statusCode());
        }
        assertThat(statuses).filteredOn(status -> status == 200).hasSizeLessThanOrEqualTo(NONCES);
        assertThat(statuses.getLast()).isEqualTo(429);
    }

    private static ConfigurableApplicationContext instance(String name) {
        Map<String, Object> properties = new HashMap<>(RegistryIntegrationTest.properties());
        properties.put("server.port", 0);
        // a group of the registry's own (the broker's ACLs admit registry-service.* only, ADR 0008)
        properties.put("spring.kafka.consumer.group-id", "registry-service.l8-" + name);
        // the test nodes announce endpoints on this machine, as in the shared test context
        properties.put("flashback.security.node-endpoints.allow-loopback", true);
        properties.put("flashback.registry.anonymous-limits.window", "1m");
        properties.put("flashback.registry.anonymous-limits.nonces-per-client", NONCES);
        properties.put("flashback.registry.anonymous-limits.announcements-per-client", ANNOUNCEMENTS);
        // as arguments, not builder properties: those are defaults that application.yml would override
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(RegistryApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("fixedClock", CLOCK))
                .run(arguments);
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext instance, String path, String json, String forwardedFor)
            throws Exception {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String announcement(Wallet key) {
        NodeAnnouncement announcement = new NodeAnnouncement(key.address(), "https://node-" + key.address().substring(2, 8) + ".example:9000",
                List.of("s3"), "eu-west", 1L << 40, "0.1.0", Secrets.alphanumeric(24), CLOCK.instant().getEpochSecond());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeAddress", announcement.nodeAddress());
        body.put("endpoint", announcement.endpoint());
        body.put("apis", announcement.apis());
        body.put("region", announcement.region());
        body.put("capacityBytes", announcement.capacityBytes());
        body.put("version", announcement.version());
        body.put("nonce", announcement.nonce());
        body.put("timestamp", announcement.timestamp());
        body.put("signature", key.sign(announcement.canonicalMessage()));
        return RegistryFixtures.JSON.writeValueAsString(body);
    }

    private static String randomClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
