package io.flashback.bridge.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection state machine. Auto-read is off: the channel reads a request head, hands the
 * exchange to a virtual thread, reads the body only as fast as the handler consumes it, and
 * reads the next request only after the response has been written (no pipelining surprises).
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);

    private final RequestDispatcher dispatcher;
    private final ExecutorService workers;
    private final Duration bodyTimeout;
    private RequestBody body;
    private Exchange inline;
    private boolean closeAfterBody;

    ExchangeHandler(RequestDispatcher dispatcher, ExecutorService workers, Duration bodyTimeout) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            if (req.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                rejectMalformed(ctx, req.decoderResult().cause());
                return;
            }
            RequestBody b = new RequestBody(ctx.channel(), HttpUtil.is100ContinueExpected(req), bodyTimeout);
            body = b;
            Exchange exchange = new Exchange(ctx.channel(), req, b, this);
            boolean bodiless = !HttpUtil.isTransferEncodingChunked(req) && HttpUtil.getContentLength(req, 0L) == 0;
            if (bodiless && dispatcher.servesOnIoThread(req.method().name())) {
                inline = exchange; // served here once the (empty) body has ended
            } else {
                workers.execute(() -> dispatcher.dispatch(exchange));
            }
            if (msg instanceof HttpContent c) onContent(ctx, c);
            return;
        }
        if (msg instanceof HttpContent c) {
            onContent(ctx, c);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent c) {
        if (c.decoderResult().isFailure()) {
            c.release();
            if (body != null) body.abort();
            ctx.close();
            return;
        }
        if (body == null) {
            c.release();
            return;
        }
        body.offer(c);
        if (inline != null && body.ended()) {
            Exchange exchange = inline;
            inline = null;
            dispatcher.dispatch(exchange);
            return;
        }
        if (closeAfterBody) {
            if (body.ended()) finish(ctx.channel(), true);
            else if (!body.wantsMore()) ctx.close(); // too much left to skip: drop the connection
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (body != null && body.wantsMore()) ctx.read();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) body.abort();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        if (body != null) body.abort();
        ctx.close();
    }

    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        Response r = dispatcher.malformed(cause);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body() instanceof Response.Bytes b ? b.bytes() : new byte[0]));
        for (Map.Entry<String, String> h : r.headers()) res.headers().add(h.getKey(), h.getValue());
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    /** On the event loop, once the last byte of a response is written. */
    void responseComplete(Channel channel, RequestBody b, boolean keepAlive) {
        if (b != body) return;
        b.discardRest(); // releases buffers the handler did not consume
        if (!keepAlive) {
            channel.close();
            return;
        }
        if (b.ended()) {
            finish(channel, true);
        } else {
            // skip the rest of a body the handler did not read, then serve the next request
            closeAfterBody = true;
            channel.read();
        }
    }

    void responseFailed(RequestBody b) {
        b.discardRest();
        if (b == body) body = null;
    }

    private void finish(Channel channel, boolean keepAlive) {
        body = null;
        closeAfterBody = false;
        if (keepAlive) channel.read();
        else channel.close();
    }
}
