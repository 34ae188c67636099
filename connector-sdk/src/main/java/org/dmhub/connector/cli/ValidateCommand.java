package org.dmhub.connector.cli;

import java.util.concurrent.Callable;
import org.dmhub.connector.file.FileReadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Checks a file as {@code publish} would, and lists every bad row; publishes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks every row of an observation file against the framework, as the hub will, and lists every"
                + " error. Publishes nothing. Exit code 1 when any row is invalid.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  dmhub-connector --config connector.yaml validate --file thang10.csv \\",
            "      --decimal-comma",
            "  dmhub-connector --config connector.yaml validate --file baocao.xlsx \\",
            "      --sheet \"Thang 10\""})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private ConnectorCli cli;

    @Mixin
    private FileOptions file;

    @Override
    public Integer call() {
        ConnectionSettings settings = cli.settings(true);
        FileReadResult result = file.read(cli, settings);
        result.errors().forEach(file.err()::println);
        if (result.rowCount() == 0 && !result.hasErrors()) {
            file.err().println("error: the file holds no rows");
            return ExitCodes.INVALID_FILE;
        }
        if (result.hasErrors()) {
            file.err().println(result.errors().size() + " error(s) in " + (result.rowCount() - result.valid().size()) + " of "
                    + result.rowCount() + " rows");
            return ExitCodes.INVALID_FILE;
        }
        file.out().println("all " + result.rowCount() + " rows are valid");
        return ExitCodes.OK;
    }
}
