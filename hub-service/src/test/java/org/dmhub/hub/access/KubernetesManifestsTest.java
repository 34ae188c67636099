package org.dmhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests of deploy/kubernetes and the Strimzi resources generated from the sample framework, each
 * document read into its typed model (the Kubernetes model and Strimzi's own), where no field may be left unknown; and
 * the generated users have exactly the ACLs the hub's {@link AccessPolicy} gives when it provisions them itself.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
    private static final Path SAMPLE_FRAMEWORK = Path.of("..", "deploy", "local", "sample-framework.yaml");
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class,
            "Service", Service.class, "StatefulSet", StatefulSet.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "ServiceMonitor", ServiceMonitor.class);
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    @Test
    void everyManifestIsItsKindsTypedModelWithNoFieldLeftUnknown() throws Exception {
        List<String> kinds = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata resource : typed(Files.readString(file))) {
                    kinds.add(resource.getKind() + "/" + resource.getMetadata().getName());
                }
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("KafkaNodePool/dual-role", "Kafka/dmhub", "Service/dmhub-hub",
                "Service/dmhub-hub-instances", "StatefulSet/dmhub-hub", "PodDisruptionBudget/dmhub-hub", "ServiceMonitor/dmhub-hub");
    }

    @Test
    void theGeneratedResourcesAreTheFrameworksTopicsAndUsersWithTheHubsOwnAcls() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StrimziResourcesCommand.run(new String[] {SAMPLE_FRAMEWORK.toString(), "--replicas", "3"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<HasMetadata> resources = typed(out.toString(StandardCharsets.UTF_8));

        Topics topics = Topics.withDefaultPrefix();
        List<String> departments = List.of("STTTT", "SKHDT", "STC", "SCT", "SYT", "SGDDT", "SLDTBXH", "VPUBND", "CTK");
        Set<String> wantedTopics = new HashSet<>();
        topics.sharedTopics().forEach(topic -> wantedTopics.add(topic.name()));
        departments.forEach(code -> wantedTopics.add(topics.observations(code).name()));
        departments.forEach(code -> wantedTopics.add(topics.receipts(code).name()));
        List<KafkaTopic> kafkaTopics = resources.stream().filter(KafkaTopic.class::isInstance).map(KafkaTopic.class::cast).toList();
        assertThat(kafkaTopics).extracting(topic -> topic.getSpec().getTopicName()).containsExactlyInAnyOrderElementsOf(wantedTopics);
        KafkaTopic observations = kafkaTopics.stream().filter(topic -> topic.getSpec().getTopicName().equals("dmhub.observations.STC"))
                .findFirst().orElseThrow();
        assertThat(observations.getMetadata().getName()).isEqualTo("dmhub.observations.stc");
        assertThat(observations.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "dmhub");
        assertThat(observations.getSpec().getReplicas()).isEqualTo(3);
        TopicDefinition<?> contract = topics.observations("STC");
        assertThat(observations.getSpec().getConfig()).containsAllEntriesOf(contract.configs()).containsEntry("min.insync.replicas", "2");

        AccessPolicy policy = new AccessPolicy(topics, "focal-point", "dmhub-hub", "dmhub-hub", List.of("national"));
        Map<String, KafkaUser> users = resources.stream().filter(KafkaUser.class::isInstance).map(KafkaUser.class::cast)
                .collect(Collectors.toMap(user -> user.getMetadata().getName(), user -> user));
        assertThat(users).containsOnlyKeys(Stream.concat(Stream.of("dmhub-hub", "national"),
                departments.stream().map(StrimziResources::kubernetesName)).toArray(String[]::new));
        for (String code : departments) {
            assertThat(rules(users.get(StrimziResources.kubernetesName(code)))).as(code).isEqualTo(rules(policy.department(code)));
        }
        assertThat(rules(users.get("dmhub-hub"))).isEqualTo(rules(policy.hub()));
        assertThat(rules(users.get("national"))).isEqualTo(rules(policy.nationalConsumer("national")));
        assertThat(JSON.valueToTree(users.get("stc").getSpec().getAuthentication()).path("type").asText()).isEqualTo("scram-sha-512");
    }

    @Test
    void anInvalidFrameworkOrCommandLineIsRefusedWithWhatIsWrong() throws Exception {
        Path broken = Files.createTempFile("framework", ".yaml");
        Files.writeString(broken, Files.readString(SAMPLE_FRAMEWORK).replace("owner: STC", "owner: STX"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(StrimziResourcesCommand.run(new String[] {broken.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a valid framework file", "STX is not a defined department");

        err.reset();
        assertThat(StrimziResourcesCommand.run(new String[] {SAMPLE_FRAMEWORK.toString(), "--replica", "3"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --replica", "--replicas");
        Files.delete(broken);
    }

    /** An ACL rule as "type name patternType operation", one per operation, from the hub's bindings. */
    private static Set<String> rules(Set<AclBinding> bindings) {
        Set<String> rules = new HashSet<>();
        for (AclBinding binding : bindings) {
            rules.add(String.join(" ", binding.pattern().resourceType().name().toLowerCase().replace("_", ""), binding.pattern().name(),
                    binding.pattern().patternType().name().equals("PREFIXED") ? "prefix" : "literal",
                    StrimziResources.operationName(binding.entry().operation())));
        }
        return rules;
    }

    /** The same from a KafkaUser's simple authorization. */
    private static Set<String> rules(KafkaUser user) {
        Set<String> rules = new HashSet<>();
        JsonNode acls = JSON.valueToTree(user.getSpec().getAuthorization()).path("acls");
        for (JsonNode rule : acls) {
            JsonNode resource = rule.path("resource");
            for (JsonNode operation : rule.path("operations")) {
                rules.add(String.join(" ", resource.path("type").asText().toLowerCase(), resource.path("name").asText(),
                        // the model leaves its default pattern type, literal, out
                        resource.path("patternType").asText("literal").toLowerCase(), operation.asText()));
            }
        }
        return rules;
    }

    /** Every document of a YAML stream, read into the model of its kind; none may hold a field its model does not know. */
    private static List<HasMetadata> typed(String yaml) throws Exception {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            JsonNode tree = JSON.valueToTree(Serialization.unmarshal(document, Map.class));
            if (tree == null || tree.isNull() || tree.isEmpty()) {
                continue;
            }
            String kind = tree.path("kind").asText();
            Class<? extends HasMetadata> model = MODELS.get(kind);
            assertThat(model).as("a model for the kind " + kind).isNotNull();
            HasMetadata resource = Serialization.unmarshal(document, model);
            assertNothingUnknown(resource, kind + "/" + resource.getMetadata().getName(), new IdentityHashMap<>());
            resources.add(resource);
        }
        return resources;
    }

    /** Fields a model does not know land in its additionalProperties: there must be none, at any depth. */
    private static void assertNothingUnknown(Object model, String path, Map<Object, Boolean> seen) throws Exception {
        if (model == null || seen.put(model, true) != null) {
            return;
        }
        if (model instanceof Collection<?> elements) {
            int i = 0;
            for (Object element : elements) {
                assertNothingUnknown(element, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (model instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                assertNothingUnknown(entry.getValue(), path + "." + entry.getKey(), seen);
            }
            return;
        }
        String type = model.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException | RuntimeException computed) {
                continue; // a computed property of the model, not a field of the manifest
            }
            if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> unknown) {
                assertThat(unknown).as("fields the model of " + path + " does not know").isEmpty();
            } else {
                assertNothingUnknown(value, path + "." + getter.getName().substring(3), seen);
            }
        }
    }
}
