package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryProcessITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"Pair\",\"namespace\":\"org.ccpairs\","
                    + "\"fields\":[{\"name\":\"url\",\"type\":\"string\"}]}";

    @TempDir Path dir;

    @Test
    void registersAndServesAnAvroSchemaThenStops() throws Exception {
        long pid;
        try (SchemaRegistryProcess registry =
                SchemaRegistryProcess.start(dir, 0, dir.resolve("registry.log"))) {
            pid = registry.pid();
            assertThat(registry.url())
                    .isEqualTo("http://localhost:" + registry.port() + "/apis/ccompat/v7");

            JsonNode registered =
                    post(registry.url() + "/subjects/x-value/versions", Map.of("schema", SCHEMA));
            int id = registered.get("id").asInt();
            JsonNode byId = get(registry.url() + "/schemas/ids/" + id);

            assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(SCHEMA));
            assertThat(get(registry.url() + "/subjects").toString()).isEqualTo("[\"x-value\"]");
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static JsonNode post(String url, Object body) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        return send(request);
    }

    private static JsonNode get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
