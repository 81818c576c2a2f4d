package io.flashback.monitor.probe.internal;

import io.flashback.monitor.probe.EndpointProbe;
import io.flashback.monitor.probe.HttpObservation;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The anonymous probe on the JDK's HTTP client: {@code GET /} without credentials, no redirects
 * followed (an endpoint announced by a provider must not send the platform elsewhere), HTTP/1.1 (no
 * h2c upgrade surprises), at most {@link #BODY_KEPT} bytes of the answer read. Time to first byte is
 * taken when the status line and headers have arrived.
 */
final class JavaHttpEndpointProbe implements EndpointProbe {

    static final int BODY_KEPT = 16 * 1024;

    private final HttpClient client;

    JavaHttpEndpointProbe(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    @Override
    public HttpObservation probe(URI endpoint, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .GET()
                .timeout(timeout)
                .header("User-Agent", "flashback-monitor-probe/1")
                .build();
        long started = System.nanoTime();
        AtomicLong firstByte = new AtomicLong(-1);
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, info -> {
            firstByte.set(System.nanoTime());
            return new KeptBody(BODY_KEPT);
        });
        try {
            HttpResponse<String> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            long finished = System.nanoTime();
            return new HttpObservation.Answered(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), Duration.ofNanos(firstByte.get() - started), Duration.ofNanos(finished - started));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return timedOut(started, firstByte.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                return timedOut(started, firstByte.get());
            }
            return new HttpObservation.Unreachable(describe(cause), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new HttpObservation.Unreachable("probe interrupted", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static HttpObservation.TimedOut timedOut(long started, long firstByte) {
        return new HttpObservation.TimedOut(firstByte < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstByte - started)),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = cause instanceof HttpConnectTimeoutException ? "connect timeout"
                : cause instanceof ConnectException || root instanceof ConnectException ? "connection refused or unreachable"
                : root.getClass().getSimpleName();
        String message = root.getMessage();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    /** Keeps the first {@code limit} bytes and stops reading there: an S3 error document is far smaller. */
    private static final class KeptBody implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        KeptBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
