package io.flashback.bridge.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * One request and its response, handled on a virtual thread: the handler reads the body as a
 * blocking stream and calls {@link #respond} once.
 */
public final class Exchange {
    private final Channel channel;
    private final HttpRequest request;
    private final RequestBody body;
    private final ExchangeHandler handler;
    private final long startNanos = System.nanoTime();
    private long bytesOut;
    private int status;
    private boolean responded;

    Exchange(Channel channel, HttpRequest request, RequestBody body, ExchangeHandler handler) {
        this.channel = channel;
        this.request = request;
        this.body = body;
        this.handler = handler;
    }

    public String method() { return request.method().name(); }

    public String uri() { return request.uri(); }

    public HttpHeaders headers() { return request.headers(); }

    public InputStream body() { return body; }

    public long bodyBytesRead() { return body.consumed(); }

    public long bytesOut() { return bytesOut; }

    public int status() { return status; }

    public long startNanos() { return startNanos; }

    public boolean responded() { return responded; }

    /** The host:port the client addressed, for URLs the client must follow. */
    public String host() {
        String h = request.headers().get(HttpHeaderNames.HOST);
        if (h != null) return h;
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        return local.getHostString() + ":" + local.getPort();
    }

    /** Writes the response; blocks only for flow control while streaming a body. */
    public void respond(Response response) {
        if (responded) throw new IllegalStateException("already responded");
        responded = true;
        status = response.status();
        boolean head = request.method() == HttpMethod.HEAD;
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        for (Map.Entry<String, String> h : response.headers()) res.headers().add(h.getKey(), h.getValue());
        Response.Body b = response.body();
        if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH) && response.status() != 304 && response.status() != 204) {
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, b.length());
        }
        // an unread body (a request rejected early) is skipped by closing unless it has all arrived
        boolean keepAlive = HttpUtil.isKeepAlive(request) && (body.ended() || body.started());
        if (!keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ChannelFuture last;
        try {
            channel.write(res);
            if (head) {
                closeBody(b);
                last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                last = switch (b) {
                    case Response.Empty e -> channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    case Response.Bytes bytes -> {
                        bytesOut = bytes.length();
                        yield channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes.bytes())));
                    }
                    case Response.FileSlice f -> {
                        bytesOut = f.length();
                        channel.write(new DefaultFileRegion(f.channel(), f.position(), f.length()));
                        yield channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    }
                    case Response.Stream s -> streamBody(s);
                };
            }
        } catch (IOException | RuntimeException e) {
            closeBody(b);
            channel.close();
            channel.eventLoop().execute(() -> handler.responseFailed(body));
            return;
        }
        last.addListener(f -> handler.responseComplete(channel, body, keepAlive && f.isSuccess()));
    }

    private ChannelFuture streamBody(Response.Stream s) throws IOException {
        try (InputStream in = s.stream()) {
            byte[] buf = new byte[128 * 1024];
            long remaining = s.length();
            while (remaining > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                if (n < 0) throw new IOException("backend stream ended early");
                ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buf, 0, n)));
                remaining -= n;
                bytesOut += n;
                if (!channel.isWritable()) f.awaitUninterruptibly();
                if (!channel.isActive()) throw new IOException("client went away");
            }
        }
        return channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static void closeBody(Response.Body b) {
        try {
            switch (b) {
                case Response.FileSlice f -> f.channel().close();
                case Response.Stream s -> s.stream().close();
                default -> { }
            }
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Drops the connection without a response (the response could not be produced at all). */
    public void abort() {
        responded = true;
        channel.close();
    }
}
