package org.dmhub.connector.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SerializationException;
import org.dmhub.connector.KafkaCredentials;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.connector.spool.SpoolUnavailableException;
import org.dmhub.contract.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code dmhub-connector}: publish a department's observation files to the hub, and look at what the hub holds. */
@Command(name = "dmhub-connector", mixinStandardHelpOptions = true, version = "dmhub-connector 0.1.0",
        description = "Publishes a department's indicator observations to the DM Hub and reads what the hub publishes.",
        subcommands = {PublishCommand.class, ValidateCommand.class, PollCommand.class, SendCommand.class, CatalogCommand.class,
            ReadCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  dmhub-connector --config connector.yaml validate --file thang10.csv",
            "  dmhub-connector --config connector.yaml validate --file thang10.xlsx",
            "  dmhub-connector --bootstrap-servers kafka:9092 \\",
            "      --registry-url http://registry:8081 --department STC \\",
            "      publish --file thang10.csv",
            "  dmhub-connector --config connector.yaml publish --file thang10.csv \\",
            "      --decimal-comma --dry-run",
            "  dmhub-connector --config connector.yaml poll --jdbc-url jdbc:postgresql://db/ketoan \\",
            "      --query-file chi-tieu.sql --watermark-column updated_at --interval 5m",
            "  dmhub-connector --config connector.yaml catalog show --indicator NS-01",
            "  dmhub-connector --config connector.yaml read --topic rejected",
            "",
            "Configuration file (YAML; options on the command line win):",
            "  bootstrap-servers: kafka:9092",
            "  registry-url: http://registry:8081",
            "  department: STC",
            "  source: Phan mem ke toan ngan sach",
            "  spool: /var/lib/dmhub-connector/STC",
            "  topic-prefix: dmhub.    # only if the hub's dmhub.topic-prefix differs",
            "  # secure mode (given by the focal point):",
            "  username: stc",
            "  password-env: DMHUB_PASSWORD",
            "  truststore: /etc/dmhub/ca.pem",
            "",
            "Exit codes: 0 ok, 1 invalid file, 2 usage error,",
            "            3 broker or registry unreachable, 4 internal error,",
            "            5 publish: the hub did not apply some rows (stale or rejected),",
            "            6 publish: some of the hub's receipts did not arrive in time."})
public final class ConnectorCli implements Runnable {

    private static final Set<String> CONFIG_KEYS = Set.of("bootstrap-servers", "registry-url", "department", "source", "spool",
            "topic-prefix", "username", "password", "password-env", "security-protocol", "truststore");

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "the hub's Kafka brokers")
    private String bootstrapServers;

    @Option(names = "--registry-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the schema registry, e.g. http://registry:8081")
    private String registryUrl;

    @Option(names = "--department", scope = ScopeType.INHERIT, paramLabel = "CODE",
            description = "your department's code in the framework, e.g. STC")
    private String department;

    @Option(names = "--source", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "the name of the sending system, written on every observation (default: dmhub-connector)")
    private String source;

    @Option(names = "--spool", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "where observations wait until the broker has stored them (default: ~/.dmhub-connector/<DEPARTMENT>)")
    private Path spool;

    @Option(names = "--topic-prefix", scope = ScopeType.INHERIT, paramLabel = "PREFIX",
            description = "the prefix of the hub's topic names, as the hub's dmhub.topic-prefix (default: "
                    + Topics.DEFAULT_PREFIX + ")")
    private String topicPrefix;

    @Option(names = "--username", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "secure mode: your department's Kafka user (SCRAM-SHA-512), given by the focal point")
    private String username;

    @Option(names = "--password-env", scope = ScopeType.INHERIT, paramLabel = "VARIABLE",
            description = "secure mode: the environment variable holding the Kafka password")
    private String passwordVariable;

    @Option(names = "--security-protocol", scope = ScopeType.INHERIT, paramLabel = "PROTOCOL",
            description = "secure mode: SASL_SSL (default) or SASL_PLAINTEXT")
    private String securityProtocol;

    @Option(names = "--truststore", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "secure mode: the brokers' CA certificate (.pem, .crt, .jks or .p12)")
    private Path trustStore;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "a YAML file with bootstrap-servers, registry-url, department, source, spool, topic-prefix and, in"
                    + " the secure mode, username, password (or password-env), security-protocol, truststore")
    private Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final HubAccess hub;

    public ConnectorCli(HubAccess hub) {
        this.hub = hub;
    }

    public static void main(String[] args) {
        // the command line talks to people: Kafka's own warnings (retries, reconnects) would drown the messages
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        // and the client's own errors (a refused login, a refused topic) are said once, in the command's words
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "off");
        }
        System.exit(commandLine(new KafkaHubAccess()).execute(args));
    }

    /** The command line with its error handling, for {@link #main} and for tests that run it in-process. */
    public static CommandLine commandLine(HubAccess hub) {
        CommandLine commandLine = new CommandLine(new ConnectorCli(hub));
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> handle(exception, failed.getErr()));
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    HubAccess hub() {
        return hub;
    }

    /** The settings from the command line, completed from the configuration file. */
    ConnectionSettings settings(boolean departmentRequired) {
        Map<String, String> fromFile = config == null ? Map.of() : readConfig(config);
        ConnectionSettings settings = new ConnectionSettings(
                choose(bootstrapServers, fromFile, "bootstrap-servers"),
                choose(registryUrl, fromFile, "registry-url"),
                choose(department, fromFile, "department"),
                firstNonNull(choose(source, fromFile, "source"), "dmhub-connector"),
                spoolFolder(fromFile),
                credentials(fromFile),
                topics(fromFile));
        require(settings.bootstrapServers(), "--bootstrap-servers", "bootstrap-servers");
        require(settings.registryUrl(), "--registry-url", "registry-url");
        if (departmentRequired) {
            require(settings.department(), "--department", "department");
            if (!Topics.isValidDepartmentCode(settings.department())) {
                throw new UserError(ExitCodes.USAGE, "'" + settings.department() + "' is not a department code:"
                        + " letters, digits, '_' and '-' only (e.g. STC)");
            }
        }
        return settings;
    }

    /** The catalog, after checking that the department is one of the framework's. */
    CatalogSnapshot catalogFor(ConnectionSettings settings) {
        CatalogSnapshot catalog = hub.loadCatalog(settings);
        if (catalog.skippedRecords() > 0) {
            spec.commandLine().getErr().println("warning: " + catalog.skippedRecords() + " records on the catalog topics are not"
                    + " part of the framework (not what their topic holds) and were left out; the focal point can tell which"
                    + " from the hub's health details");
        }
        if (catalog.department(settings.department()).isEmpty()) {
            throw new UserError(ExitCodes.USAGE, catalog.isEmpty()
                    ? "the framework is empty on " + settings.bootstrapServers() + ": the focal point has not published it yet"
                    : "department " + settings.department() + " is not in the framework; check --department");
        }
        return catalog;
    }

    private static Map<String, String> readConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(ExitCodes.USAGE, "no such configuration file: " + file);
        }
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(file.toFile());
        } catch (JacksonException notYaml) {
            throw new UserError(ExitCodes.USAGE, "the configuration file " + file + " is not valid YAML: " + notYaml.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new UserError(ExitCodes.USAGE, "the configuration file " + file + " must hold keys such as 'department: STC'");
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (String key : root.propertyNames()) {
            if (!CONFIG_KEYS.contains(key)) {
                throw new UserError(ExitCodes.USAGE, "unknown key '" + key + "' in " + file + "; the keys are " + String.join(", ",
                        new java.util.TreeSet<>(CONFIG_KEYS)));
            }
            JsonNode value = root.get(key);
            if (!value.isNull()) {
                values.put(key, value.asString());
            }
        }
        return values;
    }

    /** The hub's topics under the configured prefix; the hub's default prefix when none is given. */
    private Topics topics(Map<String, String> fromFile) {
        String prefix = firstNonNull(choose(topicPrefix, fromFile, "topic-prefix"), Topics.DEFAULT_PREFIX);
        try {
            return new Topics(prefix);
        } catch (IllegalArgumentException invalid) {
            throw new UserError(ExitCodes.USAGE, "'" + prefix + "' is not a topic prefix (--topic-prefix, or 'topic-prefix:'"
                    + " in the --config file): letters, digits, '.', '_' and '-' only; write the hub's dmhub.topic-prefix"
                    + " (by default " + Topics.DEFAULT_PREFIX + ")");
        }
    }

    /** The secure mode's credentials; null without a user name. */
    private KafkaCredentials credentials(Map<String, String> fromFile) {
        String user = choose(username, fromFile, "username");
        if (user == null) {
            return null;
        }
        String variable = choose(passwordVariable, fromFile, "password-env");
        String password = variable != null ? System.getenv(variable) : fromFile.get("password");
        if (password == null) {
            throw new UserError(ExitCodes.USAGE, variable != null
                    ? "the environment variable " + variable + " (the Kafka password) is not set"
                    : "user " + user + " needs a password: --password-env VARIABLE, or 'password-env:' or 'password:' in the --config file");
        }
        String truststore = trustStore != null ? trustStore.toString() : fromFile.get("truststore");
        try {
            return new KafkaCredentials(user, password, choose(securityProtocol, fromFile, "security-protocol"),
                    truststore == null ? null : Path.of(truststore));
        } catch (IllegalArgumentException wrong) {
            throw new UserError(ExitCodes.USAGE, wrong.getMessage());
        }
    }

    private Path spoolFolder(Map<String, String> fromFile) {
        if (spool != null) {
            return spool;
        }
        if (fromFile.containsKey("spool")) {
            return Path.of(fromFile.get("spool"));
        }
        String department = choose(this.department, fromFile, "department");
        return Path.of(System.getProperty("user.home"), ".dmhub-connector", department == null ? "default" : department);
    }

    private static String choose(String fromCommandLine, Map<String, String> fromFile, String key) {
        return firstNonNull(fromCommandLine, fromFile.get(key));
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private static void require(String value, String option, String key) {
        if (value == null || value.isBlank()) {
            throw new UserError(ExitCodes.USAGE, "missing " + option + " (or '" + key + ":' in the --config file)");
        }
    }

    private static int handle(Exception exception, PrintWriter err) {
        Throwable cause = exception instanceof CompletionException && exception.getCause() != null ? exception.getCause() : exception;
        if (cause instanceof UserError userError) {
            err.println("error: " + userError.getMessage());
            return userError.exitCode();
        }
        if (cause instanceof SpoolUnavailableException spoolUnavailable) {
            err.println("error: " + spoolUnavailable.getMessage() + "; or choose another folder with --spool");
            return ExitCodes.USAGE;
        }
        if (cause instanceof AuthenticationException refused) {
            err.println("error: the broker refused the login: " + refused.getMessage() + "; check --username and the password"
                    + " with the focal point");
            return ExitCodes.UNREACHABLE;
        }
        if (cause instanceof AuthorizationException notAllowed) {
            err.println("error: the broker does not allow this: " + notAllowed.getMessage() + "; ask the focal point for the"
                    + " rights of your user");
            return ExitCodes.UNREACHABLE;
        }
        if (cause instanceof SerializationException || cause instanceof KafkaException) {
            err.println("error: the broker or the schema registry failed: " + cause.getMessage()
                    + (cause.getCause() != null ? " (" + cause.getCause().getMessage() + ")" : ""));
            return ExitCodes.UNREACHABLE;
        }
        err.println("internal error of the connector; please report it with this output:");
        cause.printStackTrace(err);
        return ExitCodes.INTERNAL_ERROR;
    }
}
