package io.flashback.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet service with platform-security on its real embedded server (the limit must hold for bodies streamed in
 * chunks, which a mock request cannot show), with the limit set to 1 KiB.
 */
@SpringBootTest(classes = RefusingOversizedRequestBodiesTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"flashback.security.issuer=flashback-test", "flashback.security.public-paths=/echo",
                "flashback.security.request-body.max-size=1KB"})
class RefusingOversizedRequestBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger HANDLED = new AtomicInteger();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Service {

        @Bean
        JWKSource<SecurityContext> keys() {
            return new ImmutableJWKSet<>(new JWKSet(ResourceServerTest.KEY.toPublicJWK()));
        }

        @Bean
        Echo echo() {
            return new Echo();
        }
    }

    @RestController
    static class Echo {

        @PostMapping("/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            HANDLED.incrementAndGet();
            return Map.of("keys", body.size());
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test // #13 M4
    void aBodyDeclaredLargerThanTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        int before = HANDLED.get();

        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString(json(4096)));

        assertTooLarge(answer);
        assertThat(HANDLED.get()).isEqualTo(before);
    }

    @Test // #13 M4
    void aChunkedBodyThatGrowsPastTheLimitIsRefusedWith413WhileItIsRead() throws Exception {
        int before = HANDLED.get();
        byte[] body = json(64 * 1024).getBytes(StandardCharsets.UTF_8);

        // no length known in advance: the JDK client sends it with Transfer-Encoding: chunked
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertTooLarge(answer);
        assertThat(HANDLED.get()).isEqualTo(before);
    }

    @Test
    void bodiesWithinTheLimitAreServedWhetherChunkedOrNot() throws Exception {
        byte[] body = json(512).getBytes(StandardCharsets.UTF_8);

        assertThat(post(HttpRequest.BodyPublishers.ofByteArray(body)).statusCode()).isEqualTo(200);
        assertThat(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo")).header("Content-Type", "application/json")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLarge(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("title").asString()).isEqualTo("Request body too large");
        assertThat(problem.path("detail").asString()).isEqualTo("The request body is larger than the 1024 bytes this service accepts.");
    }

    /** A JSON object of about {@code size} bytes. */
    private static String json(int size) {
        return "{\"padding\":\"" + "x".repeat(Math.max(0, size - 16)) + "\"}";
    }
}
