package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificData;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Prints what the hub publishes, one record per line. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Prints every record of one of the hub's topics from its beginning, one per line, and stops when"
                + " nothing new arrives for the timeout.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  dmhub-connector --config connector.yaml read --topic rejected",
            "  dmhub-connector --config connector.yaml read --topic national --timeout 10s"})
final class ReadCommand implements Callable<Integer> {

    enum ContractTopic {
        national, view, rejected, reconciliation;

        TopicDefinition<?> definition(Topics topics) {
            return switch (this) {
                case national -> topics.nationalAggregates();
                case view -> topics.viewValues();
                case rejected -> topics.rejected();
                case reconciliation -> topics.reconciliation();
            };
        }
    }

    /** Records as Avro prints them, but decimals as people write them: 0.000000000000, never 0E-12. */
    private static final SpecificData PLAIN_DECIMALS = new SpecificData() {
        @Override
        protected void toString(Object datum, StringBuilder buffer, IdentityHashMap<Object, Object> seenObjects) {
            if (datum instanceof BigDecimal decimal) {
                buffer.append(decimal.toPlainString());
            } else {
                super.toString(datum, buffer, seenObjects);
            }
        }
    };

    /** A record as one line: Avro's JSON-like form, with plain decimals. */
    static String printed(Object record) {
        return PLAIN_DECIMALS.toString(record);
    }

    @ParentCommand
    private ConnectorCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "national (<prefix>national.aggregates), view (<prefix>view.values), rejected"
                    + " (<prefix>observations.rejected) or reconciliation (<prefix>reconciliation), the prefix being"
                    + " --topic-prefix (default: dmhub.)")
    private ContractTopic topic;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "stop when nothing arrives for this long: e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public Integer call() {
        ConnectionSettings settings = cli.settings(false);
        PrintWriter out = spec.commandLine().getOut();
        AtomicInteger count = new AtomicInteger();
        cli.hub().read(settings, topic.definition(settings.topics()), timeout, record -> {
            out.println(printed(record));
            out.flush();
            count.incrementAndGet();
        });
        spec.commandLine().getErr().println(count.get() + " records");
        return ExitCodes.OK;
    }

    static final class DurationConverter implements ITypeConverter<Duration> {

        private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)");

        @Override
        public Duration convert(String text) {
            Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 500ms, 5s or 1m");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
    }
}
