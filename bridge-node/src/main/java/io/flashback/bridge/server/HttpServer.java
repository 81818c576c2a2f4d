package io.flashback.bridge.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A Netty HTTP/1.1 server handing each request to a {@link RequestDispatcher} on a virtual thread. */
public final class HttpServer implements AutoCloseable {
    /** Limits of the request head: long enough for a 1 024-byte key fully percent-encoded plus a presigned query. */
    public static final int MAX_INITIAL_LINE = 16 * 1024;
    public static final int MAX_HEADER_SIZE = 16 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Channel channel;

    public HttpServer(String bindAddress, int port, RequestDispatcher dispatcher, Duration bodyTimeout, int ioThreads) {
        group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 256 * 1024));
                        ch.pipeline().addLast(new ExchangeHandler(dispatcher, workers, bodyTimeout));
                    }
                });
        try {
            channel = b.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortInUseException(bindAddress, port, e);
            }
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }

    /** The port is taken: reported to the operator as such, not as a stack trace. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String address, int port, Throwable cause) {
            super("port " + port + " on " + address + " is already in use; stop the other process or choose another port", cause);
        }
    }
}
