package org.ccpairs.jobs.safety;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.ccpairs.jobs.linkcheck.AsyncClientShutdown;
import org.ccpairs.jobs.model.Pair;

/**
 * An {@link ImageSafetyScorer} served over HTTP: POSTs {@code {"image_url": ..., "pair_id": ...}}
 * as JSON to {@code safety.image.endpoint} and reads {@code {"score": <0..1>}} from a 200 answer
 * (other fields are ignored). The model fetches the image itself. Non-blocking (Apache HttpClient
 * 5's async client, one per task, at most {@code safety.image.capacity} connections); every other
 * answer — another status, a body that is no such JSON, no answer within {@code
 * safety.image.timeout} — fails the score, and the stage rejects the pair as {@code
 * IMAGE_NOT_SCORED}.
 *
 * <p>The endpoint is the operator's own service, so requests go straight to it: the link checker's
 * address guard is for URLs taken from crawled pages, not for configured endpoints.
 */
public final class HttpImageSafetyScorer implements ImageSafetyScorer {
    private static final JsonFactory JSON = new JsonFactory();

    private final URI endpoint;
    private final Duration timeout;
    private final int maxConnections;
    private final String userAgent;
    private transient CloseableHttpAsyncClient client;

    /**
     * @throws IllegalArgumentException when {@code endpoint} is no http(s) URL
     */
    public HttpImageSafetyScorer(
            String endpoint, Duration timeout, int maxConnections, String userAgent) {
        this.endpoint = HttpUrls.parse(SafetyOptions.IMAGE_ENDPOINT.key(), endpoint, endpoint, "");
        this.timeout = timeout;
        this.maxConnections = maxConnections;
        this.userAgent = userAgent;
    }

    /**
     * The scorer {@code conf} configures ({@code safety.image.endpoint}, {@code
     * safety.image.timeout}, {@code safety.image.capacity}), or null when no endpoint is set.
     */
    public static HttpImageSafetyScorer from(Configuration conf, String userAgent) {
        return conf.getOptional(SafetyOptions.IMAGE_ENDPOINT)
                .map(
                        e ->
                                new HttpImageSafetyScorer(
                                        e,
                                        conf.get(SafetyOptions.IMAGE_TIMEOUT),
                                        conf.get(SafetyOptions.IMAGE_CAPACITY),
                                        userAgent))
                .orElse(null);
    }

    @Override
    public void open() {
        Timeout t = Timeout.of(timeout);
        client =
                HttpAsyncClients.custom()
                        .setConnectionManager(
                                PoolingAsyncClientConnectionManagerBuilder.create()
                                        .setMaxConnTotal(maxConnections)
                                        .setMaxConnPerRoute(maxConnections)
                                        .setDefaultConnectionConfig(
                                                ConnectionConfig.custom()
                                                        .setConnectTimeout(t)
                                                        .setSocketTimeout(t)
                                                        .build())
                                        .build())
                        .setDefaultRequestConfig(
                                RequestConfig.custom()
                                        .setConnectionRequestTimeout(t)
                                        .setResponseTimeout(t)
                                        .build())
                        .setUserAgent(userAgent)
                        .disableAutomaticRetries()
                        .disableRedirectHandling()
                        .disableCookieManagement()
                        .evictIdleConnections(TimeValue.ofSeconds(30))
                        .build();
        client.start();
    }

    @Override
    public CompletableFuture<Double> score(Pair pair) {
        CompletableFuture<Double> score = new CompletableFuture<>();
        SimpleHttpRequest request =
                SimpleRequestBuilder.post(endpoint)
                        .setBody(requestBody(pair), ContentType.APPLICATION_JSON)
                        .build();
        client.execute(
                request,
                new FutureCallback<>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        if (response.getCode() != 200) {
                            score.completeExceptionally(
                                    new NoScore.Failure(
                                            NoScore.HTTP_STATUS,
                                            "HTTP " + response.getCode() + " from " + endpoint));
                            return;
                        }
                        try {
                            score.complete(parseScore(response.getBodyBytes()));
                        } catch (IOException | RuntimeException e) {
                            score.completeExceptionally(
                                    new NoScore.Failure(NoScore.BAD_ANSWER, e.getMessage()));
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        score.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        score.cancel(false);
                    }
                });
        return score;
    }

    /** {@code {"image_url": ..., "pair_id": ...}}. */
    static String requestBody(Pair pair) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("image_url", pair.imageUrl());
            json.writeStringField("pair_id", pair.pairId());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    /**
     * The number in the top-level {@code score} field of a JSON object; whether it is in [0, 1] is
     * the stage's to judge.
     *
     * @throws IOException when the body is no JSON object with a numeric {@code score}
     */
    static double parseScore(byte[] body) throws IOException {
        if (body == null) {
            throw new IOException("empty answer");
        }
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is no JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("score") && value.isNumeric()) {
                    return json.getDoubleValue();
                }
                json.skipChildren();
            }
            throw new IOException("the answer has no numeric 'score'");
        } catch (JsonProcessingException e) {
            throw new IOException("the answer is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            AsyncClientShutdown.shutDown(client);
        }
    }
}
