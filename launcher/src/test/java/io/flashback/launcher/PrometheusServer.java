package io.flashback.launcher;

import io.flashback.infra.process.ChildProcess;
import io.flashback.infra.process.Ports;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (the Debian package {@code .ci/run} installs) scraping a test platform every second, the way
 * {@code monitoring/prometheus/prometheus.yml} scrapes the compose platform, so Grafana's queries can be run
 * against what the services and bridge nodes really export.
 */
final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChildProcess process;
    private final int port;

    private PrometheusServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Prometheus scraping {@code jobs} (job name → {@code host:port} targets serving {@code /actuator/prometheus})
     * and waits until every target has been scraped successfully once.
     */
    static PrometheusServer scraping(Map<String, List<String>> jobs, Path workDir) {
        String binary = System.getenv().getOrDefault("FLASHBACK_PROMETHEUS", "prometheus");
        int port = Ports.free();
        try {
            Files.createDirectories(workDir);
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                    + jobs.entrySet().stream().map(job -> "  - job_name: " + job.getKey() + "\n    metrics_path: /actuator/prometheus\n"
                    + "    static_configs:\n      - targets: [" + job.getValue().stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))
                    + "]\n").collect(Collectors.joining()));
            ChildProcess process = ChildProcess.start("prometheus", List.of(binary, "--config.file=" + config,
                    "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port), Map.of(), workDir,
                    workDir.resolve("prometheus.log"));
            PrometheusServer server = new PrometheusServer(process, port);
            int targets = jobs.values().stream().mapToInt(List::size).sum();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(java.net.ConnectException.class).untilAsserted(() -> {
                process.requireAlive();
                assertThat(server.query("up == 1").size()).as("targets up").isEqualTo(targets);
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Prometheus (" + binary + "; Debian package `prometheus`, installed by .ci/run)", e);
        }
    }

    /** The result vector of an instant query; fails on a query Prometheus refuses. */
    JsonNode query(String promql) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(promql + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data").path("result");
    }

    @Override
    public void close() {
        process.close();
    }
}
