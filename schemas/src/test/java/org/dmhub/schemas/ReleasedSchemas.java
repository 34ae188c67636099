package org.dmhub.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The schemas of the last release, kept as self-contained copies under {@code src/test/resources/released-schemas}.
 * Running {@link #main} writes the current schemas there: do it when cutting a release, never to silence the check.
 */
public final class ReleasedSchemas {

    static final Path FOLDER = Path.of("src/test/resources/released-schemas");

    /** The top-level value types of the contract's topics. */
    static final List<Class<? extends SpecificRecordBase>> CONTRACT_TYPES = List.of(
            IndicatorDefinition.class, AdminArea.class, Department.class, IndicatorObservation.class,
            ObservationRejected.class, AreaValue.class, NationalAggregate.class, ReportingStatus.class, ObservationReceipt.class);

    private ReleasedSchemas() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(file -> file.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the current schemas into the folder given as argument (by default {@link #FOLDER}). */
    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0]) : FOLDER;
        Files.createDirectories(folder);
        for (Class<? extends SpecificRecordBase> type : CONTRACT_TYPES) {
            Schema schema = (Schema) type.getField("SCHEMA$").get(null);
            Files.writeString(folder.resolve(type.getSimpleName() + ".avsc"), schema.toString(true) + "\n",
                    StandardCharsets.UTF_8);
        }
    }
}
