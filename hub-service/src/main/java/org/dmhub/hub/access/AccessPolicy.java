package org.dmhub.hub.access;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;

/**
 * Who may do what on the broker in the secure mode, as the exact ACLs of each principal; the focal point is a super
 * user and needs none. READ and WRITE imply DESCRIBE (of a topic, a group, a transactional id), which is therefore never
 * granted on its own; no principal has any right on the cluster itself.
 *
 * <ul>
 * <li>A department ({@code User:<code>}) writes its own topic {@code observations.<code>} and reads the three catalog
 *     topics and its own {@code receipts.<code>}; its connector reads them with {@code assign()}, so it needs no group.
 * <li>A national consumer reads {@code national.aggregates}, in groups whose id begins with its own name.
 * <li>The hub runs Kafka Streams with exactly-once: it creates, reads, writes and purges (DELETE) the topics whose name
 *     begins with its application id and a dash (its repartition and changelog topics), writes with the transactional
 *     ids of that prefix, and reads in the group of its application id. It reads every department topic (it subscribes
 *     by pattern) and the catalog; it writes the rejected topic (its dead letters too), the view, national and reporting
 *     topics, the receipts topics, and the catalog in the transaction {@code <prefix>catalog-publisher}; it creates the
 *     contract topics at startup and a department's observation and receipts topics when the department is added.
 * </ul>
 */
public final class AccessPolicy {

    private static final String ANY_HOST = "*";

    private final Topics topics;
    private final String adminUser;
    private final String hubUser;
    private final String applicationId;
    private final List<String> nationalConsumers;

    /**
     * @param adminUser the focal point's Kafka user: a super user, who needs no ACL, and never a department
     * @param hubUser the hub's Kafka user
     * @param applicationId the hub's Kafka Streams application id ({@code spring.kafka.streams.application-id})
     * @param nationalConsumers the national systems' Kafka users
     */
    public AccessPolicy(Topics topics, String adminUser, String hubUser, String applicationId, List<String> nationalConsumers) {
        this.topics = topics;
        this.adminUser = requireUserName(adminUser, "the focal point's principal");
        this.hubUser = requireUserName(hubUser, "the hub's principal");
        this.applicationId = requireUserName(applicationId, "the hub's application id");
        nationalConsumers.forEach(name -> requireUserName(name, "a national consumer"));
        if (nationalConsumers.contains(hubUser) || nationalConsumers.contains(adminUser) || hubUser.equals(adminUser)) {
            throw new IllegalArgumentException("the focal point ('" + adminUser + "'), the hub ('" + hubUser + "') and the national"
                    + " consumers " + nationalConsumers + " need principals of their own");
        }
        this.nationalConsumers = List.copyOf(new LinkedHashSet<>(nationalConsumers));
    }

    /** A Kafka user name: letters, digits, '.', '_' and '-' (what a file name and an ACL principal hold safely). */
    public static boolean isValidUserName(String name) {
        return name != null && name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    }

    public static String principal(String user) {
        return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user).toString();
    }

    public String hubUser() {
        return hubUser;
    }

    public List<String> nationalConsumers() {
        return nationalConsumers;
    }

    /** Why a department code cannot be a principal of its own: the name of the focal point, the hub or a national consumer. */
    public Optional<String> refusal(String departmentCode) {
        if (departmentCode.equals(adminUser)) {
            return Optional.of("'" + departmentCode + "' is the focal point's Kafka principal; a department needs another code");
        }
        if (departmentCode.equals(hubUser)) {
            return Optional.of("'" + departmentCode + "' is the hub's own Kafka principal; a department needs another code");
        }
        if (nationalConsumers.contains(departmentCode)) {
            return Optional.of("'" + departmentCode + "' is a national consumer's Kafka principal (dmhub.security.broker."
                    + "national-consumers); a department needs another code");
        }
        return Optional.empty();
    }

    /** The rights of a department. */
    public Set<AclBinding> department(String code) {
        refusal(code).ifPresent(refused -> {
            throw new IllegalArgumentException(refused);
        });
        String user = principal(code);
        Set<AclBinding> bindings = new LinkedHashSet<>();
        bindings.add(allow(user, TOPIC, topics.observations(code).name(), LITERAL, WRITE));
        for (TopicDefinition<?> catalogTopic : topics.catalogTopics()) {
            bindings.add(allow(user, TOPIC, catalogTopic.name(), LITERAL, READ));
        }
        bindings.add(allow(user, TOPIC, topics.receipts(code).name(), LITERAL, READ));
        return bindings;
    }

    /**
     * The department whose own rights {@code binding} is the mark of: WRITE on its own observation topic, which no
     * other principal of this policy has. This is how the departments the hub gave rights to are found again.
     */
    public Optional<String> departmentOf(AclBinding binding) {
        ResourcePattern pattern = binding.pattern();
        AccessControlEntry entry = binding.entry();
        if (pattern.resourceType() != TOPIC || pattern.patternType() != LITERAL || entry.operation() != WRITE
                || entry.permissionType() != AclPermissionType.ALLOW || !entry.principal().startsWith(KafkaPrincipal.USER_TYPE + ":")) {
            return Optional.empty();
        }
        String user = entry.principal().substring(KafkaPrincipal.USER_TYPE.length() + 1);
        return topics.departmentOf(pattern.name()).filter(user::equals).filter(code -> refusal(code).isEmpty());
    }

    /** The rights of a national consumer. */
    public Set<AclBinding> nationalConsumer(String name) {
        String user = principal(name);
        Set<AclBinding> bindings = new LinkedHashSet<>();
        bindings.add(allow(user, TOPIC, topics.nationalAggregates().name(), LITERAL, READ));
        // how the province's operating indicators compare with the official statistics
        bindings.add(allow(user, TOPIC, topics.reconciliation().name(), LITERAL, READ));
        // "<name>-...": a prefix of its own, which no other principal's name or the hub's group can begin with
        bindings.add(allow(user, GROUP, name + "-", PREFIXED, READ));
        return bindings;
    }

    /** The rights of the hub. */
    public Set<AclBinding> hub() {
        String user = principal(hubUser);
        String internal = applicationId + "-";
        Set<AclBinding> bindings = new LinkedHashSet<>();
        // Kafka Streams with exactly_once_v2: its internal topics (DELETE: consumed repartition records are purged),
        // its producers' transactions, its consumer group
        bindings.addAll(allow(user, TOPIC, internal, PREFIXED, CREATE, DELETE, READ, WRITE));
        bindings.add(allow(user, TRANSACTIONAL_ID, internal, PREFIXED, WRITE));
        bindings.add(allow(user, GROUP, applicationId, LITERAL, READ));
        // every department topic, present and future (the rejected topic has the same prefix), and the catalog
        bindings.addAll(allow(user, TOPIC, topics.prefix() + "observations.", PREFIXED, CREATE, READ));
        bindings.add(allow(user, TOPIC, topics.rejected().name(), LITERAL, WRITE));
        for (TopicDefinition<?> catalogTopic : topics.catalogTopics()) {
            bindings.addAll(allow(user, TOPIC, catalogTopic.name(), LITERAL, CREATE, READ, WRITE));
        }
        bindings.add(allow(user, TRANSACTIONAL_ID, topics.prefix() + "catalog-publisher", LITERAL, WRITE));
        bindings.addAll(allow(user, TOPIC, topics.prefix() + "receipts.", PREFIXED, CREATE, WRITE));
        for (TopicDefinition<?> output : List.of(topics.viewValues(), topics.nationalAggregates(), topics.reportingStatus(),
                topics.reconciliation())) {
            bindings.addAll(allow(user, TOPIC, output.name(), LITERAL, CREATE, WRITE));
        }
        return bindings;
    }

    private static Set<AclBinding> allow(String principal, ResourceType type, String name, PatternType patternType,
            AclOperation... operations) {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (AclOperation operation : operations) {
            bindings.add(allow(principal, type, name, patternType, operation));
        }
        return bindings;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType patternType,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal, ANY_HOST, operation, AclPermissionType.ALLOW));
    }

    private static String requireUserName(String name, String what) {
        if (!isValidUserName(name)) {
            throw new IllegalArgumentException(what + " must be a Kafka user name of letters, digits, '.', '_' and '-': '"
                    + name + "'");
        }
        return name;
    }
}
