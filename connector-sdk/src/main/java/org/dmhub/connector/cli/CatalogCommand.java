package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.schemas.IndicatorDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The framework as your department sees it. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Shows the framework's indicators of your department.",
        subcommands = CatalogCommand.Show.class)
final class CatalogCommand implements Runnable {

    @ParentCommand
    private ConnectorCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Lists your department's indicators: code, unit, periodicity, reporting level and name.",
            footerHeading = "%nExample:%n", footer = "  dmhub-connector --config connector.yaml catalog show --indicator NS-01")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        private CatalogCommand catalog;

        @Spec
        private CommandSpec spec;

        @Option(names = "--indicator", paramLabel = "CODE", description = "only this indicator")
        private String indicator;

        @Override
        public Integer call() {
            ConnectionSettings settings = catalog.cli.settings(true);
            CatalogSnapshot snapshot = catalog.cli.catalogFor(settings);
            List<IndicatorDefinition> indicators = snapshot.indicatorsOf(settings.department()).stream()
                    .filter(definition -> indicator == null || definition.getCode().equals(indicator))
                    .toList();
            if (indicator != null && indicators.isEmpty()) {
                throw new UserError(ExitCodes.USAGE, "indicator " + indicator + " is not one of department "
                        + settings.department() + "'s indicators" + snapshot.indicator(indicator)
                                .map(other -> " (it belongs to " + other.getOwner() + ")").orElse(" (it is not in the framework)"));
            }
            PrintWriter out = spec.commandLine().getOut();
            String format = "%-12s %-16s %-12s %-10s %s%n";
            out.printf(format, "CODE", "UNIT", "PERIODICITY", "LEVEL", "NAME");
            for (IndicatorDefinition definition : indicators) {
                out.printf(format, definition.getCode(), definition.getUnit(), definition.getPeriodicity(),
                        definition.getReportingLevel() == null ? "(computed)" : definition.getReportingLevel(),
                        definition.getName() + (definition.getActive() ? "" : " (retired)"));
            }
            return ExitCodes.OK;
        }
    }
}
