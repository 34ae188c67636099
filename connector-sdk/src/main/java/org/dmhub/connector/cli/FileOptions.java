package org.dmhub.connector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.connector.file.FileReadResult;
import org.dmhub.connector.file.ObservationFileFormat;
import org.dmhub.connector.file.ObservationFileFormat.FileType;
import org.dmhub.connector.file.ObservationFileReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The file options of {@code publish} and {@code validate}, and reading the file they name. */
final class FileOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "FILE",
            description = "the observation file: CSV with a header row (UTF-8), JSON lines (.jsonl, .ndjson, .json, UTF-8)"
                    + " or an Excel workbook (.xlsx) whose first non-empty row names the columns. In Excel, format the"
                    + " period column as Text: Excel turns 2026-10 into a date")
    private Path file;

    @Option(names = "--sheet", paramLabel = "NAME", description = "the sheet of an .xlsx workbook to read (default: the first)")
    private String sheet;

    @Option(names = "--decimal-comma", description = "values are written 1.234,5 (',' decimal separator, '.' between thousands)")
    private boolean decimalComma;

    @Option(names = "--max-line-length", paramLabel = "BYTES", defaultValue = "65536",
            description = "the longest line of a CSV or JSON-lines file, in bytes; a longer line is refused (default: ${DEFAULT-VALUE})")
    private int maxLineBytes;

    FileReadResult read(ConnectorCli cli, ConnectionSettings settings) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(ExitCodes.USAGE, "no such file: " + file);
        }
        if (sheet != null && ObservationFileFormat.fileType(file) != FileType.XLSX) {
            throw new UserError(ExitCodes.USAGE, "--sheet is for Excel workbooks (.xlsx); " + file + " is read as "
                    + (ObservationFileFormat.fileType(file) == FileType.JSON_LINES ? "JSON lines" : "CSV"));
        }
        CatalogSnapshot catalog = cli.catalogFor(settings);
        ObservationFileReader reader = new ObservationFileReader(settings.department(), settings.source(), catalog,
                decimalComma, Clock.systemUTC());
        if (maxLineBytes < 1) {
            throw new UserError(ExitCodes.USAGE, "--max-line-length must be at least 1, not " + maxLineBytes);
        }
        try {
            return reader.withMaxLineBytes(maxLineBytes).read(file, sheet);
        } catch (IOException unreadable) {
            throw new UserError(ExitCodes.USAGE, "cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
