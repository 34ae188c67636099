package org.dmhub.hub.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Framework;
import org.dmhub.schemas.Department;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A framework's topics and principals as Strimzi custom resources, for a province that runs Kafka on Kubernetes with
 * the Strimzi operators: a {@code KafkaTopic} for every contract topic and each department's observation and receipts
 * topics, and a {@code KafkaUser} (SCRAM-SHA-512, with its ACLs) for each department, the hub and the national
 * consumers. The ACLs are those of {@link AccessPolicy}, the same the hub gives when it provisions the principals
 * itself; with these resources the hub runs with {@code dmhub.security.broker.enabled=false} and Strimzi's user
 * operator keeps the users. A Kafka user name is a Kubernetes resource name there: lower case, so a department logs in
 * as its code in lower case ({@link #kubernetesName}).
 */
public final class StrimziResources {

    private static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param cluster the {@code Kafka} resource's name (label {@code strimzi.io/cluster})
     * @param partitions of the topics (the hub's {@code dmhub.topics.partitions})
     * @param replicas of the topics (3 on a cluster of three brokers)
     */
    public record Settings(String cluster, int partitions, int replicas) {
    }

    private final Topics topics;
    private final AccessPolicy policy;
    private final Settings settings;

    public StrimziResources(Topics topics, AccessPolicy policy, Settings settings) {
        this.topics = topics;
        this.policy = policy;
        this.settings = settings;
    }

    /**
     * The name of a principal's {@code KafkaUser} (its Kafka user name, too) or of a topic's {@code KafkaTopic}: in lower
     * case, '_' as '-', as Kubernetes resource names are.
     */
    public static String kubernetesName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every resource, topics first, in a stable order. */
    public List<ObjectNode> of(Framework framework) {
        List<ObjectNode> resources = new ArrayList<>();
        for (TopicDefinition<?> topic : topics.sharedTopics()) {
            resources.add(topic(topic));
        }
        for (Department department : framework.departments()) {
            resources.add(topic(topics.observations(department.getCode())));
            resources.add(topic(topics.receipts(department.getCode())));
        }
        resources.add(user(policy.hubUser(), policy.hub()));
        for (String national : policy.nationalConsumers()) {
            resources.add(user(national, policy.nationalConsumer(national)));
        }
        for (Department department : framework.departments()) {
            resources.add(user(department.getCode(), policy.department(department.getCode())));
        }
        List<String> names = resources.stream().map(resource -> resource.path("kind").asString() + "/"
                + resource.path("metadata").path("name").asString()).toList();
        if (Set.copyOf(names).size() != names.size()) {
            throw new IllegalArgumentException("two departments' codes differ only in case or in '_' and '-', which Kubernetes"
                    + " resource names cannot tell apart: " + names);
        }
        return resources;
    }

    private ObjectNode topic(TopicDefinition<?> topic) {
        ObjectNode resource = resource("KafkaTopic", kubernetesName(topic.name()));
        ObjectNode spec = resource.putObject("spec");
        spec.put("topicName", topic.name());
        spec.put("partitions", settings.partitions());
        spec.put("replicas", settings.replicas());
        ObjectNode config = spec.putObject("config");
        topic.configs().forEach(config::put);
        if (settings.replicas() > 1) {
            config.put("min.insync.replicas", String.valueOf(settings.replicas() - 1));
        }
        return resource;
    }

    private ObjectNode user(String principal, Set<AclBinding> bindings) {
        ObjectNode resource = resource("KafkaUser", kubernetesName(principal));
        ObjectNode spec = resource.putObject("spec");
        spec.putObject("authentication").put("type", "scram-sha-512");
        ObjectNode authorization = spec.putObject("authorization");
        authorization.put("type", "simple");
        ArrayNode acls = authorization.putArray("acls");
        // one rule per resource, with its operations
        Map<ResourcePattern, List<AclOperation>> byResource = new LinkedHashMap<>();
        bindings.forEach(binding -> byResource.computeIfAbsent(binding.pattern(), any -> new ArrayList<>())
                .add(binding.entry().operation()));
        byResource.forEach((pattern, operations) -> {
            ObjectNode rule = acls.addObject();
            ObjectNode target = rule.putObject("resource");
            target.put("type", resourceType(pattern));
            if (pattern.resourceType() != ResourceType.CLUSTER) {
                target.put("name", pattern.name());
                target.put("patternType", pattern.patternType() == PatternType.PREFIXED ? "prefix" : "literal");
            }
            ArrayNode names = rule.putArray("operations");
            operations.forEach(operation -> names.add(operationName(operation)));
            rule.put("host", "*");
        });
        return resource;
    }

    private ObjectNode resource(String kind, String name) {
        ObjectNode resource = NODES.objectNode();
        resource.put("apiVersion", API_VERSION);
        resource.put("kind", kind);
        ObjectNode metadata = resource.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put("strimzi.io/cluster", settings.cluster());
        return resource;
    }

    private static String resourceType(ResourcePattern pattern) {
        return switch (pattern.resourceType()) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new IllegalArgumentException("no Strimzi ACL resource for " + pattern);
        };
    }

    /** READ → Read, IDEMPOTENT_WRITE → IdempotentWrite, as Strimzi's ACL rules name them. */
    static String operationName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
