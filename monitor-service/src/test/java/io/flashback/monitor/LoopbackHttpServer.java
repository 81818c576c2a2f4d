package io.flashback.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on the loopback interface answering every request the same way, for probes to
 * reach: an S3 server refusing anonymous requests, a failing server, a proxy page, or one that never answers.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    public record Answer(int status, String contentType, String body, String location) {

        public Answer(int status, String contentType, String body) {
            this(status, contentType, body, null);
        }

        /** A 302 to {@code location}. */
        public static Answer redirectTo(String location) {
            return new Answer(302, "text/plain", "moved", location);
        }
    }

    public static final Answer S3_ACCESS_DENIED = new Answer(403, "application/xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>AccessDenied</Code><Message>Access Denied</Message><Resource>/</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>""");
    public static final Answer INTERNAL_ERROR = new Answer(500, "text/plain", "upstream storage unavailable");
    public static final Answer NGINX_PAGE = new Answer(200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<Answer> answer;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final boolean hangs;

    private LoopbackHttpServer(Answer answer, boolean hangs) {
        this.answer = new AtomicReference<>(answer);
        this.hangs = hangs;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LoopbackHttpServer answering(Answer answer) {
        return new LoopbackHttpServer(answer, false);
    }

    /** Accepts connections and reads requests but never answers until closed. */
    public static LoopbackHttpServer hanging() {
        return new LoopbackHttpServer(S3_ACCESS_DENIED, true);
    }

    public void answerFromNowOn(Answer next) {
        answer.set(next);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached this server. */
    public int requests() {
        return requests.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (hangs) {
                released.await();
                return;
            }
            Answer current = answer.get();
            byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", current.contentType());
            if (current.location() != null) {
                exchange.getResponseHeaders().add("Location", current.location());
            }
            exchange.sendResponseHeaders(current.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
