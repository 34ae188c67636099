package org.dmhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged registry keeps schemas and their ids across a restart (a record on a topic names its schema by id). */
class RegistryPersistenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void schemaIsFoundByTheSameIdAfterARestart(@TempDir Path dataDir) throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Probe", "namespace": "org.dmhub.test",
                 "fields": [{"name": "value", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 12}}]}
                """);
        try (RegistryProcess registry = RegistryProcess.start(dataDir)) {
            int id = register(registry, "persistence-probe-value", schema);

            registry.restart();

            JsonNode fetched = get(registry.ccompatUrl() + "/schemas/ids/" + id);
            assertThat(new Schema.Parser().parse(fetched.get("schema").asText())).isEqualTo(schema);
            JsonNode versions = get(registry.ccompatUrl() + "/subjects/persistence-probe-value/versions");
            assertThat(versions).hasSize(1);

            Schema another = new Schema.Parser().parse(
                    "{\"type\": \"record\", \"name\": \"Other\", \"namespace\": \"org.dmhub.test\", \"fields\": []}");
            assertThat(register(registry, "persistence-probe-other-value", another))
                    .as("ids continue after the last one instead of starting again")
                    .isGreaterThan(id);
        }
    }

    private int register(RegistryProcess registry, String subject, Schema schema) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema.toString()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asInt();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
