package org.ccpairs.cli.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The link-check benchmark's image hosts: one loopback port that answers every host name, each
 * answer sent after a fixed delay, counting how many requests each host name (the {@code Host}
 * header) has open at once.
 *
 * <p>Real image hosts run on other machines; these run on the cores the checker is measured on, so
 * they must cost as little as possible. One Netty event loop reads the requests, holds them on its
 * timer and writes the answers: no thread hand-off per request, no per-request buffers beyond the
 * codec's. (The local stack's {@code ImageHosts}, built on the JDK's HTTP server for the tests'
 * many scripted answers, spent a third of the benchmark's CPU time on three threads per request.)
 */
final class ImageFarm implements AutoCloseable {
    private static final AsciiString IMAGE_PNG = AsciiString.cached("image/png");

    private final byte[] image;
    private final Set<String> missingPaths;
    private final long delayNanos;
    private final EventLoopGroup loop;
    private final Channel server;
    private final Map<String, Host> hosts = new HashMap<>(); // loop thread only
    private long received; // loop thread only

    /** Requests one host name has open, and the most it had at once. */
    private static final class Host {
        int open;
        int max;
    }

    /**
     * Starts the farm on a free loopback port.
     *
     * @param image the body of every answer to a path not in {@code missingPaths} (a PNG)
     * @param missingPaths paths answered 404 (the policy files: none of the hosts has any)
     * @param delay how long every request waits for its answer
     */
    ImageFarm(byte[] image, Set<String> missingPaths, Duration delay) throws InterruptedException {
        this.image = image.clone();
        this.missingPaths = Set.copyOf(missingPaths);
        this.delayNanos = delay.toNanos();
        AtomicInteger threads = new AtomicInteger();
        this.loop =
                new MultiThreadIoEventLoopGroup(
                        1,
                        r -> {
                            Thread t = new Thread(r, "image-farm-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        NioIoHandler.newFactory());
        this.server =
                new ServerBootstrap()
                        .group(loop)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 4096)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline().addLast(new HttpServerCodec(), new Answer());
                                    }
                                })
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .sync()
                        .channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The link checker's test route sending every host name here. */
    String everyHost() {
        return "*="
                + ((InetSocketAddress) server.localAddress()).getAddress().getHostAddress()
                + ":"
                + port();
    }

    /** Requests received so far, answered or not. */
    long received() {
        return onLoop(() -> received);
    }

    /** Distinct host names seen. */
    int hostsSeen() {
        return onLoop(hosts::size);
    }

    /** The most requests any one host name had open at once. */
    int maxConcurrencyOfAnyHost() {
        return onLoop(() -> hosts.values().stream().mapToInt(h -> h.max).max().orElse(0));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> read) {
        try {
            return loop.submit(read).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers each request on its connection after the delay, in order (HTTP/1.1). */
    private final class Answer extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest request)) {
                return; // the (empty) body of a request
            }
            received++;
            FullHttpResponse response = answer(request);
            boolean keepAlive =
                    HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
            HttpUtil.setKeepAlive(response, keepAlive);
            Host host = hosts.computeIfAbsent(hostName(request), h -> new Host());
            host.max = Math.max(host.max, ++host.open);
            ctx.executor()
                    .schedule(
                            () -> {
                                host.open--;
                                var written = ctx.writeAndFlush(response);
                                if (!keepAlive) {
                                    written.addListener(ChannelFutureListener.CLOSE);
                                }
                            },
                            delayNanos,
                            TimeUnit.NANOSECONDS);
        }

        private FullHttpResponse answer(HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                return empty(HttpResponseStatus.BAD_REQUEST);
            }
            String uri = request.uri();
            int query = uri.indexOf('?');
            if (missingPaths.contains(query < 0 ? uri : uri.substring(0, query))) {
                return empty(HttpResponseStatus.NOT_FOUND);
            }
            boolean head = request.method().equals(HttpMethod.HEAD);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1,
                            HttpResponseStatus.OK,
                            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(image));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, IMAGE_PNG)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, image.length);
            return response;
        }

        private static FullHttpResponse empty(HttpResponseStatus status) {
            FullHttpResponse response =
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return response;
        }

        private static String hostName(HttpRequest request) {
            String host = request.headers().get(HttpHeaderNames.HOST, "");
            int colon = host.lastIndexOf(':');
            String name = colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
            return name.toLowerCase(Locale.ROOT);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a connection the checker cut (it had the bytes it wanted)
        }
    }
}
