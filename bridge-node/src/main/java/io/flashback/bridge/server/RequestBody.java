package io.flashback.bridge.server;

import io.flashback.bridge.s3.S3ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body as a blocking InputStream fed by the Netty event loop, with flow control: the
 * event loop reads from the socket only while less than {@link #HIGH_WATER} bytes wait here, so
 * a slow disk slows the client instead of filling the heap. {@code 100 Continue} is sent (as a
 * full {@code HTTP/1.1 100 Continue} status line, which awscli requires) only when the handler
 * starts reading, so a request rejected before that never uploads its body.
 */
public final class RequestBody extends InputStream {
    static final long HIGH_WATER = 2 * 1024 * 1024;
    private static final long LOW_WATER = 512 * 1024;
    private static final ByteBuf END = Unpooled.EMPTY_BUFFER.asReadOnly();
    private static final ByteBuf ABORTED = Unpooled.buffer(0).asReadOnly();

    private final Channel channel;
    private final boolean expectContinue;
    private final Duration idleTimeout;
    private final LinkedBlockingQueue<ByteBuf> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean readScheduled = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean ended;
    private volatile boolean discarding;
    private volatile long discarded;
    private ByteBuf current;
    private boolean eof;
    private long consumed;

    RequestBody(Channel channel, boolean expectContinue, Duration idleTimeout) {
        this.channel = channel;
        this.expectContinue = expectContinue;
        this.idleTimeout = idleTimeout;
        this.started = !expectContinue;
    }

    // ------------------------------------------------------------ event loop side

    void offer(HttpContent content) {
        ByteBuf buf = content.content();
        boolean last = content instanceof LastHttpContent;
        if (discarding || !buf.isReadable()) {
            discarded += buf.readableBytes();
            content.release();
        } else {
            queued.addAndGet(buf.readableBytes());
            queue.add(buf);
        }
        if (last) {
            ended = true;
            if (!discarding) queue.add(END);
        }
    }

    void abort() {
        queue.add(ABORTED);
    }

    /** Whether the event loop should read more of this body from the socket. */
    boolean wantsMore() {
        return started && !ended && (discarding ? discarded < 8L * 1024 * 1024 : queued.get() < HIGH_WATER);
    }

    boolean ended() {
        return ended;
    }

    boolean started() {
        return started;
    }

    /** After the response: drop what is left, releasing buffers; returns false if the rest must be skipped by closing. */
    void discardRest() {
        discarding = true;
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            if (b != END && b != ABORTED) b.release();
        }
        if (current != null) {
            current.release();
            current = null;
        }
    }

    // ------------------------------------------------------------ consumer side

    /** Bytes handed to the consumer so far. */
    public long consumed() {
        return consumed;
    }

    @Override
    public int read() throws IOException {
        if (current != null && current.isReadable()) {
            consumed++;
            return current.readByte() & 0xff;
        }
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (current == null || !current.isReadable()) {
            if (current != null) {
                current.release();
                current = null;
            }
            if (eof) return -1;
            if (!started) {
                started = true;
                channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                requestRead();
            }
            ByteBuf next;
            try {
                next = queue.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the request body");
            }
            if (next == null) throw S3ErrorCode.REQUEST_TIMEOUT.exception();
            if (next == END) {
                eof = true;
                return -1;
            }
            if (next == ABORTED) {
                queue.add(ABORTED);
                throw S3ErrorCode.INCOMPLETE_BODY.exception("The connection closed before the request body was complete.");
            }
            queued.addAndGet(-next.readableBytes());
            current = next;
            if (queued.get() < LOW_WATER) requestRead();
        }
        int n = Math.min(len, current.readableBytes());
        current.readBytes(b, off, n);
        consumed += n;
        return n;
    }

    private void requestRead() {
        if (ended || !readScheduled.compareAndSet(false, true)) return;
        channel.eventLoop().execute(() -> {
            readScheduled.set(false);
            if (wantsMore()) channel.read();
        });
    }

    @Override
    public void close() {
        // the server discards what is left after the response
    }
}
