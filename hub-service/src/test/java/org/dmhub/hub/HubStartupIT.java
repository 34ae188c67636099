package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.CatalogTables;
import org.dmhub.schemas.Department;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The hub boots against a real broker and a real registry process, creates the contract topics and loads the catalog. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class HubStartupIT {

    private static final RegistryProcess registry = RegistryProcess.startInTempDir();

    @DynamicPropertySource
    static void hubSettings(DynamicPropertyRegistry properties) {
        properties.add("dmhub.registry-url", () -> registry.baseUrl());
        properties.add("spring.kafka.streams.state-dir", () -> "target/streams-state/" + System.nanoTime());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    Topics topics;

    @Test
    void healthIsUpOnceTheStreamsApplicationRuns() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body.path("status").asString()).isEqualTo("UP");
            assertThat(body.path("components").path("streams").path("details").path("state").asString()).isEqualTo("RUNNING");
        });
    }

    @Test
    void contractTopicsExistWithTheirCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            List<ConfigResource> resources = topics.sharedTopics().stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (TopicDefinition<?> topic : topics.sharedTopics()) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                assertThat(config.get("cleanup.policy").value()).as(topic.name())
                        .isEqualTo(topic.configs().get("cleanup.policy"));
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topics.nationalAggregates().name()))
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void catalogPublishedWithTheSharedSerdesIsLoadedIntoTheGlobalStore() throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(registry.baseUrl());
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        Department finance = new Department("STC", "Sở Tài chính");
        try (KafkaProducer<String, Department> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topics.departments().name(), "STC", finance)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            KafkaStreams kafkaStreams = streams.getKafkaStreams();
            assertThat(kafkaStreams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, Department> departments = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(CatalogTables.DEPARTMENTS_STORE, QueryableStoreTypes.keyValueStore()));
            assertThat(departments.get("STC")).isEqualTo(finance);
        });
    }
}
