package org.ccpairs.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain HTTP calls to a Confluent-API schema registry, to check what the registry itself holds
 * without going through the code under test.
 */
public final class RegistryRest {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** A registry answer: HTTP status and parsed JSON body. */
    public record Answer(int status, JsonNode body) {}

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrl the Confluent API base, e.g. {@code http://localhost:PORT/apis/ccompat/v7}
     */
    public RegistryRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The id of the latest version under {@code subject}. */
    public int latestId(String subject) {
        Answer answer = call("GET", "/subjects/" + subject + "/versions/latest", null);
        requireOk(answer, "latest version of " + subject);
        return answer.body().get("id").asInt();
    }

    /** The version numbers registered under {@code subject}. */
    public JsonNode versions(String subject) {
        Answer answer = call("GET", "/subjects/" + subject + "/versions", null);
        requireOk(answer, "versions of " + subject);
        return answer.body();
    }

    /** Sets the subject's compatibility level, e.g. {@code BACKWARD}. */
    public void setCompatibility(String subject, String level) {
        Answer answer = call("PUT", "/config/" + subject, Map.of("compatibility", level));
        requireOk(answer, "compatibility of " + subject);
    }

    /** POST {@code /compatibility/subjects/<subject>/versions/latest}. */
    public Answer checkAgainstLatest(String subject, String avroSchema) {
        return call(
                "POST",
                "/compatibility/subjects/" + subject + "/versions/latest",
                Map.of("schema", avroSchema));
    }

    /** Registers a schema of any type ({@code AVRO}, {@code JSON}, {@code PROTOBUF}). */
    public Answer register(String subject, String schemaType, String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemaType", schemaType);
        body.put("schema", schema);
        return call("POST", "/subjects/" + subject + "/versions", body);
    }

    private Answer call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(30))
                            .header("Accept", CONTENT_TYPE)
                            .header("Content-Type", CONTENT_TYPE);
            request.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed =
                    response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    private static void requireOk(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new IllegalStateException(
                    what + ": HTTP " + answer.status() + " " + answer.body());
        }
    }
}
