package io.flashback.bridge.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for the gateway in tests of the node's side: answers a request on a routed path with its route's answer,
 * any other with the next queued answer, and records what the node sent. The registry itself is exercised by the
 * launcher's end-to-end tests.
 */
public final class PlatformStub implements AutoCloseable {
    /** @param query the raw query string or null; @param authorization the Authorization header or null */
    public record Request(String method, String path, String query, String authorization, JsonNode body) {}

    public record Answer(int status, String json) {}

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public PlatformStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body.isBlank() ? null : PlatformClient.JSON.readTree(body));
            requests.add(request);
            Function<Request, Answer> route = routes.entrySet().stream().filter(entry -> request.path().matches(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            Answer answer;
            if (route != null) {
                answer = route.apply(request);
            } else {
                synchronized (answers) {
                    answer = answers.size() > 1 ? answers.poll() : answers.peek();
                }
            }
            if (answer == null) answer = new Answer(500, "{\"title\":\"nothing queued\"}");
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Queues an answer; the last one queued is repeated. */
    public PlatformStub answer(int status, String json) {
        synchronized (answers) {
            answers.add(new Answer(status, json));
        }
        return this;
    }

    /** Answers requests whose path matches {@code pathRegex} with {@code answer}, instead of the queue. */
    public PlatformStub route(String pathRegex, Function<Request, Answer> answer) {
        routes.put(pathRegex, answer);
        return this;
    }

    /** Forgets the queued answers and the recorded requests. */
    public PlatformStub reset() {
        synchronized (answers) {
            answers.clear();
        }
        requests.clear();
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
