package io.flashback.bridge.node;

import io.flashback.bridge.metering.RequestMetering;
import io.flashback.bridge.metering.RequestRecord;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3ErrorResponses;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.server.ProtocolFrontend;
import java.util.List;
import io.flashback.bridge.server.Exchange;
import io.flashback.bridge.server.RequestDispatcher;
import io.flashback.bridge.server.RequestUri;
import io.flashback.bridge.server.Response;
import io.netty.handler.codec.TooLongFrameException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each request to the S3 or the GCS front end and meters it. */
final class NodeDispatcher implements RequestDispatcher {
    private static final Logger log = LoggerFactory.getLogger(NodeDispatcher.class);

    private final List<ProtocolFrontend> frontends;
    private final RequestMetering metering;
    private final Clock clock;
    private final boolean localReads;

    /** Front ends in order of precedence; the last one (S3) handles everything the others do not claim. */
    /** @param localReads the backend reads local files: GET/HEAD can be served on the I/O thread */
    NodeDispatcher(List<ProtocolFrontend> frontends, RequestMetering metering, Clock clock, boolean localReads) {
        this.localReads = localReads;
        this.frontends = List.copyOf(frontends);
        this.metering = metering;
        this.clock = clock;
    }

    @Override
    public void dispatch(Exchange ex) {
        String requestId = HexFormat.of().withUpperCase().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        String protocol = "s3";
        String operation = "Unknown";
        String accessKey = "anonymous";
        try {
            RequestUri uri;
            try {
                uri = RequestUri.parse(ex.uri());
            } catch (IllegalArgumentException e) {
                ex.respond(S3ErrorResponses.render(new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Couldn't parse the specified URI."),
                        "/", requestId));
                return;
            }
            for (ProtocolFrontend f : frontends) {
                if (f.handles(ex, uri)) {
                    protocol = f.protocol();
                    ProtocolFrontend.Outcome o = f.serve(ex, uri, requestId);
                    operation = o.operation();
                    accessKey = o.accessKey();
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("request {} {} failed", ex.method(), ex.uri(), e);
            if (!ex.responded()) {
                ex.respond(S3ErrorResponses.render(new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage()),
                        "/", requestId));
            } else {
                ex.abort();
            }
        } finally {
            metering.record(new RequestRecord(protocol, operation, accessKey, ex.status() == 0 ? 500 : ex.status(),
                    ex.bodyBytesRead(), ex.bytesOut(), System.nanoTime() - ex.startNanos(), clock.instant()));
        }
    }

    @Override
    public boolean servesOnIoThread(String method) {
        return localReads && (method.equals("GET") || method.equals("HEAD"));
    }

    @Override
    public Response malformed(Throwable cause) {
        S3Exception e = cause instanceof TooLongFrameException
                ? S3ErrorCode.REQUEST_HEADER_SECTION_TOO_LARGE.exception()
                : S3ErrorCode.INVALID_REQUEST.exception("The request could not be parsed as HTTP/1.1.");
        return S3ErrorResponses.render(e, "/", "0");
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
        return b;
    }
}
