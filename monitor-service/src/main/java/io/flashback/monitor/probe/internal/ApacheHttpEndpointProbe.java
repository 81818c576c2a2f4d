package io.flashback.monitor.probe.internal;

import io.flashback.monitor.probe.EndpointProbe;
import io.flashback.monitor.probe.HttpObservation;
import io.flashback.security.node.NodeAddressPolicy;
import io.flashback.security.node.NodeAddressRefused;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The anonymous probe: {@code GET /} without credentials, no redirects followed (an endpoint announced by a provider
 * must not send the platform elsewhere), at most {@link #BODY_KEPT} bytes of the answer read. Time to first byte is
 * taken when the status line and headers have arrived.
 *
 * <p>On Apache HttpClient rather than the JDK's client because its DNS hook lets the {@link NodeAddressPolicy} resolve
 * the node's name once, check the addresses and hand exactly those to the connection (#13 M1): a name that points
 * inside the platform's network when the probe connects, whatever it pointed to before, is never connected to.
 */
final class ApacheHttpEndpointProbe implements EndpointProbe, AutoCloseable {

    static final int BODY_KEPT = 16 * 1024;

    private final CloseableHttpClient client;
    private final RequestConfig defaults;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

    ApacheHttpEndpointProbe(Duration connectTimeout, int maxConnections, NodeAddressPolicy addresses) {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.defaults = RequestConfig.custom().setConnectTimeout(connectMillis).setConnectionRequestTimeout(connectMillis)
                .setRedirectsEnabled(false).build();
        this.client = HttpClients.custom()
                .setDnsResolver(addresses::resolve)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("flashback-monitor-probe/1")
                .setMaxConnTotal(Math.max(1, maxConnections))
                .setMaxConnPerRoute(Math.max(1, maxConnections))
                .setDefaultRequestConfig(defaults)
                .build();
    }

    @Override
    public HttpObservation probe(URI endpoint, Duration timeout) {
        HttpGet request = new HttpGet(endpoint.resolve("/"));
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        request.setConfig(RequestConfig.copy(defaults).setSocketTimeout(millis).build());
        long started = System.nanoTime();
        long firstByte = -1;
        // the whole exchange is bounded, not only each read: a node dripping bytes still ends in time; the flag is set
        // before the abort, so whichever exception the abort causes is known to be the deadline's
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            request.abort();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (CloseableHttpResponse response = client.execute(request)) {
            firstByte = System.nanoTime();
            HttpEntity entity = response.getEntity();
            Header type = entity == null ? null : entity.getContentType();
            String body = entity == null ? "" : kept(entity.getContent());
            long finished = System.nanoTime();
            if (expired.get()) {
                return timedOut(started, firstByte);
            }
            return new HttpObservation.Answered(response.getStatusLine().getStatusCode(), type == null ? "" : type.getValue(), body,
                    Duration.ofNanos(firstByte - started), Duration.ofNanos(finished - started));
        } catch (NodeAddressRefused e) {
            return new HttpObservation.Unreachable("not probed: " + e.getMessage(), Duration.ofNanos(System.nanoTime() - started));
        } catch (SocketTimeoutException e) {
            return timedOut(started, firstByte);
        } catch (IOException e) {
            if (expired.get() && !(e instanceof ConnectTimeoutException)) {
                return timedOut(started, firstByte);
            }
            return new HttpObservation.Unreachable(describe(e), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Keeps the first {@link #BODY_KEPT} bytes and stops reading there: an S3 error document is far smaller. The stream
     * is not closed (that would read the rest of the body); closing the response drops the connection instead.
     */
    private static String kept(InputStream in) throws IOException {
        return new String(in.readNBytes(BODY_KEPT), StandardCharsets.UTF_8);
    }

    private static HttpObservation.TimedOut timedOut(long started, long firstByte) {
        return new HttpObservation.TimedOut(firstByte < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstByte - started)),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static String describe(IOException cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = cause instanceof ConnectTimeoutException ? "connect timeout"
                : cause instanceof ConnectException || root instanceof ConnectException ? "connection refused or unreachable"
                : cause instanceof UnknownHostException ? "unknown host"
                : root.getClass().getSimpleName();
        String message = root.getMessage();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
