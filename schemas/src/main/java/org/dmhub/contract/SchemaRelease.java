package org.dmhub.contract;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.exception.NotFoundException;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.rest.v2.beans.VersionMetaData;
import io.apicurio.registry.types.ArtifactType;
import io.apicurio.registry.types.RuleType;
import io.apicurio.rest.client.auth.exception.ForbiddenException;
import io.apicurio.rest.client.auth.exception.NotAuthorizedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Deploys a release's schemas to the registry, as the focal point does in the hub's secure mode (where nothing else may
 * register one): the value schema of every contract topic under {@code <topic>-value}, and a compatibility rule of at
 * least {@code BACKWARD} on each subject and as the registry's default, so that the registry itself refuses a schema
 * that readers of the registered versions could not read.
 *
 * <p>Idempotent: a schema already registered (any version with the same content) and a rule already strong enough are
 * left as they are. Run it with a login that holds the registry's admin role (the global rule needs it).
 *
 * <p>From the command line: {@code SchemaRelease REGISTRY_URL [--topic-prefix PREFIX] [DEPARTMENT ...]}, the login from
 * {@value RegistryLogin#CLIENT_ID_VARIABLE} and {@value RegistryLogin#SECRET_FILE_VARIABLE} (or
 * {@value RegistryLogin#SECRET_VARIABLE}).
 */
public final class SchemaRelease {

    /** The group of every contract subject: the one Apicurio's serdes and its Confluent API use. */
    public static final String GROUP = "default";

    /** The level set where there is none, or a weaker one. */
    public static final String BACKWARD = "BACKWARD";

    private final RegistryClient registry;
    private final Topics topics;
    private final String login;

    /** Deploys through {@code serdes}'s registry with its login. */
    public SchemaRelease(RegistrySerdes serdes, Topics topics) {
        this.registry = serdes.registryClient();
        this.topics = topics;
        this.login = serdes.login() == null ? "an anonymous client" : "client " + serdes.login().clientId();
    }

    /** What a deployment did to one subject. */
    public record SubjectChange(String subject, String version, long contentId, boolean versionAdded, String compatibilityBefore,
            String compatibility) {

        public boolean changed() {
            return versionAdded || !compatibility.equals(compatibilityBefore);
        }
    }

    /**
     * What a deployment did.
     *
     * @param globalCompatibilityBefore the registry's default compatibility before, null for none
     */
    public record Deployment(String globalCompatibilityBefore, String globalCompatibility, List<SubjectChange> subjects) {

        public boolean changedAnything() {
            return !globalCompatibility.equals(globalCompatibilityBefore) || subjects.stream().anyMatch(SubjectChange::changed);
        }
    }

    /** The registry's default rule, the shared topics' subjects and those of the departments {@code departmentCodes}. */
    public Deployment deploy(Collection<String> departmentCodes) {
        List<TopicDefinition<?>> all = new ArrayList<>(topics.sharedTopics());
        all.addAll(departmentTopics(departmentCodes));
        return deploy(all);
    }

    /** The registry's default rule and the subjects of the topics that exist whatever the catalog holds. */
    public Deployment deployShared() {
        return deploy(topics.sharedTopics());
    }

    /** The two subjects of each department: its observations (what its connector writes) and its receipts. */
    public Deployment deployDepartments(Collection<String> departmentCodes) {
        return deploy(departmentTopics(departmentCodes));
    }

    private List<TopicDefinition<?>> departmentTopics(Collection<String> departmentCodes) {
        List<TopicDefinition<?>> departmentTopics = new ArrayList<>();
        for (String code : new LinkedHashSet<>(departmentCodes)) {
            departmentTopics.add(topics.observations(code));
            departmentTopics.add(topics.receipts(code));
        }
        return departmentTopics;
    }

    private Deployment deploy(List<TopicDefinition<?>> release) {
        String globalBefore = refused("the registry's default rule", () -> globalCompatibility());
        String global = atLeastBackward(globalBefore);
        if (globalBefore == null) {
            refused("the registry's default rule", () -> {
                registry.createGlobalRule(compatibility(global));
                return null;
            });
        } else if (!global.equals(globalBefore)) {
            refused("the registry's default rule", () -> registry.updateGlobalRuleConfig(RuleType.COMPATIBILITY, compatibility(global)));
        }
        List<SubjectChange> subjects = new ArrayList<>();
        for (TopicDefinition<?> topic : release) {
            String subject = topic.name() + "-value";
            subjects.add(refused("subject " + subject, () -> deploy(subject, SpecificData.get().getSchema(topic.valueType()))));
        }
        return new Deployment(globalBefore, global, List.copyOf(subjects));
    }

    /**
     * One subject: its rule first, so that the registry checks the new version against it, then the schema; the rule of a
     * subject that did not exist is set once the subject does (the registry's default rule checked its first version).
     */
    private SubjectChange deploy(String subject, Schema schema) {
        String ruleBefore = subjectCompatibility(subject);
        boolean subjectExists = ruleBefore != null || exists(subject);
        String rule = atLeastBackward(ruleBefore);
        if (subjectExists) {
            setRule(subject, ruleBefore, rule);
        }
        byte[] content = schema.toString().getBytes(StandardCharsets.UTF_8);
        VersionMetaData registered = registeredVersion(subject, content);
        boolean added = registered == null;
        String version;
        long contentId;
        if (added) {
            try {
                var created = registry.createArtifact(GROUP, subject, null, ArtifactType.AVRO, IfExists.RETURN_OR_UPDATE, true,
                        stream(content));
                version = created.getVersion();
                contentId = created.getContentId();
            } catch (RuleViolationException incompatible) {
                throw new ReleaseRefusedException("subject " + subject + ": the registry refused this release's " + schema.getFullName()
                        + " as incompatible with the registered versions (" + (subjectExists ? rule : "default rule") + "): "
                        + incompatible.getMessage(), incompatible);
            }
        } else {
            version = registered.getVersion();
            contentId = registered.getContentId();
        }
        if (!subjectExists) {
            setRule(subject, null, rule);
        }
        return new SubjectChange(subject, version, contentId, added, ruleBefore, rule);
    }

    private void setRule(String subject, String before, String level) {
        if (before == null) {
            registry.createArtifactRule(GROUP, subject, compatibility(level));
        } else if (!before.equals(level)) {
            registry.updateArtifactRuleConfig(GROUP, subject, RuleType.COMPATIBILITY, compatibility(level));
        }
    }

    private VersionMetaData registeredVersion(String subject, byte[] content) {
        try {
            return registry.getArtifactVersionMetaDataByContent(GROUP, subject, true, stream(content));
        } catch (NotFoundException notYet) {
            return null;
        }
    }

    private boolean exists(String subject) {
        try {
            registry.getArtifactMetaData(GROUP, subject);
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    private String subjectCompatibility(String subject) {
        try {
            return registry.getArtifactRuleConfig(GROUP, subject, RuleType.COMPATIBILITY).getConfig();
        } catch (NotFoundException none) {
            return null;
        }
    }

    private String globalCompatibility() {
        try {
            return registry.getGlobalRuleConfig(RuleType.COMPATIBILITY).getConfig();
        } catch (NotFoundException none) {
            return null;
        }
    }

    /**
     * The level to keep or set: one that includes {@code BACKWARD} is kept; a forward-only level gains backward
     * ({@code FULL}); none, or {@code NONE}, becomes {@code BACKWARD}.
     */
    static String atLeastBackward(String level) {
        if (level == null) {
            return BACKWARD;
        }
        return switch (level) {
            case "BACKWARD", "BACKWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE" -> level;
            case "FORWARD" -> "FULL";
            case "FORWARD_TRANSITIVE" -> "FULL_TRANSITIVE";
            default -> BACKWARD;
        };
    }

    private static Rule compatibility(String level) {
        Rule rule = new Rule();
        rule.setType(RuleType.COMPATIBILITY);
        rule.setConfig(level);
        return rule;
    }

    private static InputStream stream(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    /** Runs {@code step}, turning the registry's refusal of the login into one that says who was refused for what. */
    private <T> T refused(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (NotAuthorizedException notLoggedIn) {
            throw new ReleaseRefusedException(what + ": the registry refused the login of " + login
                    + " (a wrong client id or secret, or none): the release needs the focal point's login", notLoggedIn);
        } catch (ForbiddenException notAllowed) {
            throw new ReleaseRefusedException(what + ": the registry does not let " + login + " change it: the release needs a"
                    + " client with the registry's admin role (sr-admin)", notAllowed);
        }
    }

    /** The registry refused (part of) the release: a schema incompatible with a registered one, or the login. */
    public static final class ReleaseRefusedException extends RuntimeException {
        ReleaseRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code SchemaRelease REGISTRY_URL [--topic-prefix PREFIX] [DEPARTMENT ...]}; exits 0 when deployed, 1 when refused, 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> departments = new ArrayList<>();
        String registryUrl = null;
        String prefix = Topics.DEFAULT_PREFIX;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--topic-prefix") && i + 1 < args.size()) {
                prefix = args.get(++i);
            } else if (arg.startsWith("-")) {
                err.println("error: unknown option " + arg + "; usage: SchemaRelease REGISTRY_URL [--topic-prefix PREFIX] [DEPARTMENT ...]");
                return 2;
            } else if (registryUrl == null) {
                registryUrl = arg;
            } else {
                departments.add(arg);
            }
        }
        if (registryUrl == null) {
            err.println("usage: SchemaRelease REGISTRY_URL [--topic-prefix PREFIX] [DEPARTMENT ...], with the focal point's login in "
                    + RegistryLogin.CLIENT_ID_VARIABLE + " and " + RegistryLogin.SECRET_FILE_VARIABLE);
            return 2;
        }
        Deployment deployment;
        try {
            RegistrySerdes serdes = new RegistrySerdes(registryUrl);
            RegistryLogin login = RegistryLogin.fromEnvironment(environment);
            Set<String> codes = new LinkedHashSet<>(departments);
            deployment = new SchemaRelease(login == null ? serdes : serdes.withLogin(login), new Topics(prefix)).deploy(codes);
        } catch (IllegalArgumentException usage) {
            err.println("error: " + usage.getMessage());
            return 2;
        } catch (ReleaseRefusedException refused) {
            err.println("error: " + refused.getMessage());
            return 1;
        } catch (RuntimeException unreachable) {
            err.println("error: the schema registry at " + registryUrl + " failed: " + unreachable);
            return 1;
        }
        if (!deployment.globalCompatibility().equals(deployment.globalCompatibilityBefore())) {
            out.println("default rule: compatibility " + deployment.globalCompatibility());
        }
        for (SubjectChange subject : deployment.subjects()) {
            if (subject.changed()) {
                out.println(subject.subject() + ": " + (subject.versionAdded() ? "registered version " + subject.version() : "version "
                        + subject.version() + " was registered") + ", compatibility " + subject.compatibility());
            }
        }
        out.println(deployment.changedAnything() ? "release deployed: " + deployment.subjects().size() + " subjects"
                : "release already deployed: " + deployment.subjects().size() + " subjects unchanged");
        return 0;
    }
}
