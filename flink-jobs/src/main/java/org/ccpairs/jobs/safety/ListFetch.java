package org.ccpairs.jobs.safety;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET of a safety list at start, with a deadline for the whole exchange (connect, headers and
 * body) and a cap on the body. Blocking, which is fine where it runs: in {@code open()}, once per
 * task. Uses the JDK client; the link checker's pinned-address client is for image hosts, whereas a
 * list's URL is the operator's own choice and needs no SSRF guard.
 */
final class ListFetch {
    private ListFetch() {}

    /** Why a fetch failed, in words for the start's error message. */
    static final class FetchException extends Exception {
        FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The body of a 200 answer to a GET of {@code uri} (redirects followed, except from https to
     * http).
     *
     * @throws FetchException on another status, a body above {@code maxBytes}, a failure, or no
     *     complete answer within {@code timeout}
     */
    static byte[] get(URI uri, Duration timeout, long maxBytes, String userAgent)
            throws FetchException {
        HttpClient client =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("User-Agent", userAgent)
                        .GET()
                        .build();
        CappedBody body = new CappedBody(maxBytes);
        CompletableFuture<HttpResponse<Void>> response =
                client.sendAsync(
                        request,
                        info -> {
                            if (info.statusCode() != 200) {
                                body.result.completeExceptionally(
                                        new FetchException("HTTP " + info.statusCode(), null));
                                return BodySubscribers.discarding();
                            }
                            return BodySubscribers.fromSubscriber(body);
                        });
        response.whenComplete(
                (r, failure) -> {
                    if (failure != null) {
                        body.result.completeExceptionally(failure);
                    }
                });
        try {
            return body.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new FetchException("no complete answer within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof FetchException f) {
                throw f;
            }
            if (cause instanceof HttpTimeoutException) {
                throw new FetchException("no complete answer within " + timeout, cause);
            }
            throw new FetchException(cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", e);
        } finally {
            response.cancel(true);
        }
    }

    /** Collects the body and cancels the exchange once it grows beyond the cap. */
    private static final class CappedBody implements Flow.Subscriber<List<ByteBuffer>> {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long maxBytes;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + (long) b.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(
                            new FetchException(
                                    "the list is larger than 'safety.lists.max-bytes' ("
                                            + maxBytes
                                            + " bytes)",
                                    null));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
