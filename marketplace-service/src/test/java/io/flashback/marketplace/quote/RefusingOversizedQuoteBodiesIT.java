package io.flashback.marketplace.quote;

import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marketplace on its real embedded server (a mock request cannot stream a chunked body), anonymous as the quote
 * endpoint is, sent a JSON body of 1.5 MiB: refused at the default 1 MiB limit, declared or streamed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusingOversizedQuoteBodiesIT extends MarketplaceIntegrationTest {

    private static final byte[] OVER_A_MIB = ("{\"dataUnitIds\":[],\"currency\":\"" + "x".repeat(3 << 19) + "\"}").getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test // #13 M4
    void aBodyDeclaredOverTheLimitIsRefusedWith413() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(OVER_A_MIB)));
    }

    @Test // #13 M4
    void aChunkedBodyGrowingOverTheLimitIsRefusedWith413() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(OVER_A_MIB))));
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/quotes")).header("Content-Type", "application/json")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLarge(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(413);
        JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
        assertThat(problem.path("title").asString()).isEqualTo("Request body too large");
        assertThat(problem.path("detail").asString()).isEqualTo("The request body is larger than the 1048576 bytes this service accepts.");
    }
}
