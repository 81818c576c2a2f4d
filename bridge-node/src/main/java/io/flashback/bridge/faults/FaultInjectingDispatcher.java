package io.flashback.bridge.faults;

import io.flashback.bridge.metering.RequestMetering;
import io.flashback.bridge.metering.RequestRecord;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3ErrorResponses;
import io.flashback.bridge.server.Exchange;
import io.flashback.bridge.server.RequestDispatcher;
import io.flashback.bridge.server.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * In front of the node's own dispatcher (for tests only, see {@link FaultInjection}): a share of requests is answered with
 * {@code 503 ServiceUnavailable} before anything serves it — as an overloaded front end would — and metered under the
 * access key the request names (unverified: nothing was authenticated), as the server error it is or, when the node
 * hides its faults, as a success.
 */
final class FaultInjectingDispatcher implements RequestDispatcher {

    private static final String OPERATION = "Unknown";

    private final RequestDispatcher node;
    private final FaultInjection faults;
    private final RequestMetering metering;
    private final Clock clock;
    private final DoubleSupplier dice;

    FaultInjectingDispatcher(RequestDispatcher node, FaultInjection faults, RequestMetering metering, Clock clock, DoubleSupplier dice) {
        this.node = node;
        this.faults = faults;
        this.metering = metering;
        this.clock = clock;
        this.dice = dice;
    }

    @Override
    public void dispatch(Exchange ex) {
        if (faults.errorRate() == 0 || dice.getAsDouble() >= faults.errorRate()) {
            node.dispatch(ex);
            return;
        }
        String requestId = String.format("%016X", ThreadLocalRandom.current().nextLong());
        ex.respond(S3ErrorResponses.render(S3ErrorCode.SERVICE_UNAVAILABLE.exception(), "/", requestId));
        metering.record(new RequestRecord("s3", OPERATION, claimedAccessKey(ex), faults.hideFromReports() ? 200 : ex.status(),
                ex.bodyBytesRead(), ex.bytesOut(), System.nanoTime() - ex.startNanos(), clock.instant()));
    }

    /** Corrupted reads are streamed through a copy, which must not run on the I/O thread. */
    @Override
    public boolean servesOnIoThread(String method) {
        return !faults.corruptReads() && node.servesOnIoThread(method);
    }

    @Override
    public Response malformed(Throwable cause) {
        return node.malformed(cause);
    }

    /** The access key a SigV4 header, a presigned URL or a GCS bearer token names; {@code anonymous} without one. */
    static String claimedAccessKey(Exchange ex) {
        return claimedAccessKey(ex.headers().get("Authorization"), ex.uri());
    }

    static String claimedAccessKey(String authorization, String uri) {
        if (authorization != null) {
            int credential = authorization.indexOf("Credential=");
            if (credential >= 0) {
                int end = authorization.indexOf('/', credential);
                if (end > credential) return authorization.substring(credential + "Credential=".length(), end).strip();
            }
            if (authorization.startsWith("Bearer ") && authorization.indexOf('.') > 7) {
                return authorization.substring(7, authorization.indexOf('.'));
            }
        }
        int query = uri.indexOf('?');
        if (query >= 0) {
            for (String parameter : uri.substring(query + 1).split("&")) {
                if (parameter.startsWith("X-Amz-Credential=")) {
                    String value = URLDecoder.decode(parameter.substring("X-Amz-Credential=".length()), StandardCharsets.UTF_8);
                    int end = value.indexOf('/');
                    if (end > 0) return value.substring(0, end);
                }
            }
        }
        return "anonymous";
    }
}
