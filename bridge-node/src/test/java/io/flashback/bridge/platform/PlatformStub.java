package io.flashback.bridge.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for the gateway in unit tests of the node's side: answers each request with the next queued answer and
 * records what the node sent. The registry itself is exercised by the launcher's BridgeNodeOnboardingEndToEndIT.
 */
final class PlatformStub implements AutoCloseable {
    record Request(String path, JsonNode body) {}

    record Answer(int status, String json) {}

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    PlatformStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestURI().getPath(), PlatformClient.JSON.readTree(body)));
            Answer answer;
            synchronized (answers) {
                answer = answers.size() > 1 ? answers.poll() : answers.peek();
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
    PlatformStub answer(int status, String json) {
        synchronized (answers) {
            answers.add(new Answer(status, json));
        }
        return this;
    }

    /** Forgets the queued answers and the recorded requests. */
    PlatformStub reset() {
        synchronized (answers) {
            answers.clear();
        }
        requests.clear();
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
