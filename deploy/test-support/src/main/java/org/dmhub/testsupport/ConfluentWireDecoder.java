package org.dmhub.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes a record value the way any Confluent-compatible consumer would, with nothing but the registry's
 * Confluent-compatible URL: check the magic byte, fetch the writer schema by its 4-byte id, read plain Avro.
 */
public final class ConfluentWireDecoder {

    private final String ccompatUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public ConfluentWireDecoder(String ccompatUrl) {
        this.ccompatUrl = ccompatUrl;
    }

    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        if (bytes.length < 5 || bytes[0] != 0) {
            throw new IllegalArgumentException("not in the Confluent wire format: magic byte " + (bytes.length == 0 ? "missing" : bytes[0]));
        }
        Schema writer = schemas.computeIfAbsent(schemaId(bytes), this::fetch);
        SpecificData model = SpecificData.getForClass(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writer, model.getSchema(type), model);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException e) {
            throw new IllegalArgumentException("undecodable Avro payload", e);
        }
    }

    public static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    private Schema fetch(int id) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(ccompatUrl + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("schema id " + id + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return new Schema.Parser().parse(new ObjectMapper().readTree(response.body()).get("schema").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
