package org.ccpairs.jobs.linkcheck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP request at a time, without following anything, to an address the caller checked: the
 * link checker's only way to the network. Built on Apache HttpClient 5's async client (an NIO
 * reactor; no thread per request) because it lets the caller pin the connection to an address (the
 * route's {@link HttpHost} carries it) while TLS still sends SNI and verifies the certificate
 * against the host name; the JDK's {@code java.net.http.HttpClient} resolves names itself and
 * offers no such hook on Java 17. The client's own resolver refuses every lookup, so a request
 * whose address was not pinned fails instead of reaching DNS.
 */
final class HttpProbe implements AutoCloseable {
    /** Bytes of a body that is not wanted (an error page) read before the connection is cut. */
    private static final int DRAIN_LIMIT = 64 * 1024;

    /**
     * A request.
     *
     * @param address where to connect: checked by the caller
     * @param connectPort the port to connect to: the URL's, or a test endpoint's
     * @param plaintext connect without TLS even for https URLs (test endpoints only)
     * @param maxBytes body bytes to keep; 0 for HEAD
     * @param hashLimit 0: ask for the first {@code maxBytes} only (a Range header); above 0: read
     *     the whole body, up to this many bytes, digesting it as it streams by
     */
    record Request(
            String method,
            LinkTarget target,
            InetAddress address,
            int connectPort,
            boolean plaintext,
            int maxBytes,
            long hashLimit) {}

    /**
     * An answer: status, headers (names lower case), the first body bytes, time to headers.
     *
     * @param digests of the whole body; null unless it was hashed and read to its end
     * @param overHashLimit the body was to be hashed but is longer than the request's limit
     */
    record Response(
            int status,
            List<String[]> headers,
            byte[] body,
            long latencyNanos,
            BodyDigests digests,
            boolean overHashLimit) {
        /** The first value of a header, or null. */
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    return h[1];
                }
            }
            return null;
        }

        /** Every value of a header. */
        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    values.add(h[1]);
                }
            }
            return values;
        }
    }

    /** Called once, on an I/O thread, with an answer or the failure. */
    interface Callback {
        void done(Response response, Exception failure);
    }

    private static final DnsResolver NO_DNS =
            new DnsResolver() {
                @Override
                public InetAddress[] resolve(String host) throws UnknownHostException {
                    throw new UnknownHostException(
                            host + ": the link checker resolves and checks addresses itself");
                }

                @Override
                public String resolveCanonicalHostname(String host) throws UnknownHostException {
                    throw new UnknownHostException(host);
                }
            };

    private final CloseableHttpAsyncClient client;
    private final String userAgent;

    HttpProbe(LinkCheckSettings settings) {
        this.userAgent = settings.userAgent();
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout response = Timeout.of(settings.responseTimeout());
        AtomicInteger threads = new AtomicInteger();
        this.client =
                HttpAsyncClients.custom()
                        .setConnectionManager(
                                PoolingAsyncClientConnectionManagerBuilder.create()
                                        .setDnsResolver(NO_DNS)
                                        // the checker enforces its own limits (in flight
                                        // overall, and per host); a strict pool with a total
                                        // below hosts × per-host limit would close one host's
                                        // idle connections to open another's, and its global
                                        // lock is a bottleneck at thousands of requests/s
                                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                                        .setMaxConnPerRoute(settings.hostMaxConcurrent())
                                        .setTlsStrategy(
                                                ClientTlsStrategyBuilder.create()
                                                        .useSystemProperties()
                                                        .buildAsync())
                                        .setDefaultTlsConfig(
                                                TlsConfig.custom()
                                                        .setHandshakeTimeout(connect)
                                                        .build())
                                        .setDefaultConnectionConfig(
                                                ConnectionConfig.custom()
                                                        .setConnectTimeout(connect)
                                                        .setSocketTimeout(response)
                                                        .setTimeToLive(TimeValue.ofMinutes(5))
                                                        .build())
                                        .build())
                        .setIOReactorConfig(
                                IOReactorConfig.custom()
                                        .setIoThreadCount(
                                                Math.max(
                                                        1,
                                                        Math.min(
                                                                4,
                                                                Runtime.getRuntime()
                                                                        .availableProcessors())))
                                        .setSoTimeout(response)
                                        .build())
                        .setDefaultRequestConfig(
                                RequestConfig.custom()
                                        .setConnectionRequestTimeout(connect)
                                        .setResponseTimeout(response)
                                        .build())
                        .setThreadFactory(
                                r -> {
                                    Thread t =
                                            new Thread(
                                                    r, "linkcheck-io-" + threads.incrementAndGet());
                                    t.setDaemon(true);
                                    return t;
                                })
                        .disableAutomaticRetries()
                        .disableRedirectHandling()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        .disableConnectionState()
                        .evictIdleConnections(TimeValue.ofSeconds(30))
                        .build();
        client.start();
    }

    /** Sends {@code request}; the returned future cancels it. */
    Future<Response> send(Request request, Callback callback) {
        LinkTarget t = request.target();
        String hostName = bare(t.host());
        HttpHost route =
                new HttpHost(
                        request.plaintext() ? "http" : t.scheme(),
                        request.address(),
                        hostName,
                        request.connectPort());
        BasicHttpRequest message =
                new BasicHttpRequest(
                        request.method(),
                        request.plaintext() ? "http" : t.scheme(),
                        new URIAuthority(hostName, t.defaultPort() ? -1 : t.port()),
                        t.pathAndQuery());
        message.setHeader("User-Agent", userAgent);
        message.setHeader("Accept", "image/avif,image/webp,image/apng,image/*;q=0.9,*/*;q=0.5");
        message.setHeader("Accept-Encoding", "identity");
        if (request.maxBytes() > 0
                && request.hashLimit() == 0
                && request.method().equals("GET")
                && request.maxBytes() < Integer.MAX_VALUE) {
            message.setHeader("Range", "bytes=0-" + (request.maxBytes() - 1));
        }
        AtomicBoolean once = new AtomicBoolean();
        long start = System.nanoTime();
        CappedConsumer consumer =
                new CappedConsumer(request.maxBytes(), request.hashLimit(), start);
        return client.execute(
                route,
                new BasicRequestProducer(message, null),
                consumer,
                null,
                HttpClientContext.create(),
                new FutureCallback<>() {
                    @Override
                    public void completed(Response response) {
                        if (once.compareAndSet(false, true)) {
                            callback.done(response, null);
                        }
                    }

                    @Override
                    public void failed(Exception failure) {
                        if (once.compareAndSet(false, true)) {
                            callback.done(null, failure);
                        }
                    }

                    @Override
                    public void cancelled() {
                        if (once.compareAndSet(false, true)) {
                            callback.done(null, new java.util.concurrent.CancellationException());
                        }
                    }
                });
    }

    private static String bare(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void close() {
        try {
            AsyncClientShutdown.shutDown(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Keeps the head of the body, then drains a little or cuts the connection. When hashing, reads
     * the whole body instead, feeding every buffer to the digests as it arrives: only the head is
     * kept, so an image is never held in memory whole.
     */
    private static final class CappedConsumer implements AsyncResponseConsumer<Response> {
        private final int maxBytes;
        private final long hashLimit;
        private final long start;
        private final BodyDigests.Builder digests;
        private int status;
        private List<String[]> headers;
        private long latencyNanos;
        private byte[] body = new byte[0];
        private int length;
        private long received;
        private long discarded;
        private boolean overHashLimit;
        private BodyDigests digested;
        private FutureCallback<Response> result;
        private boolean delivered;

        CappedConsumer(int maxBytes, long hashLimit, long start) {
            this.maxBytes = maxBytes;
            this.hashLimit = hashLimit;
            this.start = start;
            this.digests = hashLimit > 0 ? BodyDigests.builder() : null;
        }

        @Override
        public void consumeResponse(
                HttpResponse response,
                EntityDetails entity,
                HttpContext context,
                FutureCallback<Response> resultCallback) {
            latencyNanos = System.nanoTime() - start;
            status = response.getCode();
            headers = new ArrayList<>();
            for (Header h : response.getHeaders()) {
                headers.add(new String[] {h.getName().toLowerCase(Locale.ROOT), h.getValue()});
            }
            result = resultCallback;
            boolean wanted = status >= 200 && status < 300 && maxBytes > 0;
            if (entity == null || !wanted) {
                deliver();
            } else if (digests != null && entity.getContentLength() > hashLimit) {
                overHashLimit = true; // declared too long: not worth reading
                deliver();
            } else {
                body = new byte[Math.min(maxBytes, 8192)];
            }
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {}

        @Override
        public void updateCapacity(CapacityChannel channel) throws IOException {
            channel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            if (!delivered && digests != null) {
                received += src.remaining();
                if (received <= hashLimit) {
                    digests.update(src.duplicate());
                    keep(src);
                    src.position(src.limit());
                    return;
                }
                overHashLimit = true;
                deliver();
            }
            if (!delivered) {
                keep(src);
                if (length >= maxBytes) {
                    deliver();
                }
            }
            discarded += src.remaining();
            src.position(src.limit());
            if (discarded > DRAIN_LIMIT) {
                // the rest of an image we have enough of, or a large error page: not worth reading
                throw new IOException("enough bytes read");
            }
        }

        /** Copies what still fits of {@code src} into the head of the body. */
        private void keep(ByteBuffer src) {
            int n = Math.min(src.remaining(), maxBytes - length);
            if (length + n > body.length) {
                body =
                        Arrays.copyOf(
                                body, Math.min(maxBytes, Math.max(length + n, body.length * 2)));
            }
            src.get(body, length, n);
            length += n;
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            if (digests != null && !delivered) {
                digested = digests.build();
            }
            deliver();
        }

        private void deliver() {
            if (!delivered) {
                delivered = true;
                result.completed(
                        new Response(
                                status,
                                headers,
                                Arrays.copyOf(body, length),
                                latencyNanos,
                                digested,
                                overHashLimit));
            }
        }

        @Override
        public void failed(Exception cause) {}

        @Override
        public void releaseResources() {}
    }
}
