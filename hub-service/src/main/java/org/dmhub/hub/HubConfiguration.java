package org.dmhub.hub;

import java.time.Clock;
import java.util.Properties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogPublisher;
import org.dmhub.hub.support.BoundedStoreMemory;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.receipts.ReceiptTopicsWatcher;
import org.dmhub.hub.reporting.ReportingCalendar;
import org.dmhub.hub.reporting.ReportingStatuses;
import org.dmhub.hub.supervision.DeadLetterHandlers;
import org.dmhub.hub.supervision.DeadLetters;
import org.dmhub.hub.supervision.InternalTopicPartitions;
import org.dmhub.hub.supervision.StreamsFailures;
import org.dmhub.hub.supervision.StreamsSupervisor;
import org.dmhub.hub.support.KafkaClientSettings;
import org.dmhub.hub.validation.RecordLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration
@EnableKafkaStreams
class HubConfiguration {

    @Bean
    Topics topics(HubProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    @Bean
    RegistrySerdes registrySerdes(HubProperties properties) {
        return new RegistrySerdes(properties.registryUrl());
    }

    @Bean
    Catalog catalog() {
        return new Catalog();
    }

    /** Read at startup, so that a {@code dmhub.reporting.*} value the calendar cannot use stops the hub with its name. */
    @Bean
    ReportingCalendar reportingCalendar(HubProperties properties) {
        return ReportingCalendar.from(properties.reporting());
    }

    @Bean
    HubMetrics hubMetrics(MeterRegistry registry) {
        return new HubMetrics(registry);
    }

    @Bean
    ReportingStatuses reportingStatuses(Catalog catalog, ReportingCalendar calendar) {
        return new ReportingStatuses(catalog, calendar);
    }

    @Bean
    InternalTopicPartitions internalTopicPartitions(KafkaAdmin admin, KafkaProperties kafka, HubProperties properties) {
        return InternalTopicPartitions.find(admin, kafka.getStreams().getApplicationId() + "-" + HubTopology.BY_INDICATOR_PERIOD + "-repartition",
                properties.topics().partitions());
    }

    @Bean(destroyMethod = "close")
    ReceiptTopicsWatcher receiptTopics(Topics topics, Catalog catalog, KafkaAdmin admin, HubProperties properties) {
        return new ReceiptTopicsWatcher(topics, catalog, admin, properties.topics());
    }

    @Bean
    HubStores hubStores(HubProperties properties) {
        return HubStores.of(properties.rollup().stores());
    }

    @Bean
    HubTopology hubTopology(Topics topics, RegistrySerdes serdes, Catalog catalog, HubMetrics metrics, HubStores stores,
            HubProperties properties, ReportingStatuses reportingStatuses, ReceiptTopicsWatcher receiptTopics,
            InternalTopicPartitions internalPartitions, StreamsBuilder builder) {
        HubTopology topology = new HubTopology(topics, serdes, catalog, metrics, stores, properties.rollup(), properties.reporting(),
                properties.reconciliation(), reportingStatuses, properties.limits(), receiptTopics, internalPartitions.partitions());
        topology.addTo(builder);
        return topology;
    }

    /** Every Kafka client the hub makes itself starts from spring.kafka.*, as its Kafka Streams and KafkaAdmin do. */
    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return KafkaClientSettings.of(kafka);
    }

    @Bean
    CatalogPublisher catalogPublisher(Topics topics, RegistrySerdes serdes, Catalog catalog, KafkaClientSettings clients,
            HubProperties properties, ObjectProvider<CatalogPublisher.DepartmentIdentities> identities,
            ObjectProvider<CatalogPublisher.DepartmentSchemas> schemas) {
        return new CatalogPublisher(topics, serdes, catalog, clients, properties.topics(),
                identities.getIfAvailable(() -> CatalogPublisher.DepartmentIdentities.NONE),
                schemas.getIfAvailable(() -> CatalogPublisher.DepartmentSchemas.NONE));
    }

    @Bean
    StreamsFailures streamsFailures(HubProperties properties, MeterRegistry meters) {
        return new StreamsFailures(properties.health(), meters, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    StreamsSupervisor streamsSupervisor(StreamsFailures failures) {
        return new StreamsSupervisor(failures);
    }

    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(Topics topics, RegistrySerdes serdes, KafkaClientSettings clients, HubProperties properties,
            StreamsFailures failures) {
        return new DeadLetters(topics, serdes, new RecordLimits(properties.limits()), clients.producer(), failures);
    }

    /**
     * No record stops the hub: one that fails after it was read goes to the dead letters; a stream thread that fails
     * for another reason (the registry unreachable, say) is replaced and resumes from its last commit, and the whole
     * processing is restarted if it stops on an error (see {@link StreamsSupervisor}).
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer streamThreadLifecycle(StreamsSupervisor supervisor, DeadLetters deadLetters,
            HubProperties properties) {
        return factory -> {
            supervisor.supervise(factory);
            Properties config = factory.getStreamsConfiguration();
            config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
            config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
            config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class);
            config.put(DeadLetters.CONFIG, deadLetters);
            config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStoreMemory.class);
            config.put(BoundedStoreMemory.CONFIG, properties.rollup().storeMemory().toBytes());
            factory.setStreamsConfiguration(config);
            // a stopped hub leaves its group at once, so that a restarted one is not kept waiting for its session to expire
            factory.setLeaveGroupOnClose(true);
        };
    }

    /** Creates the contract topics that do not exist yet, with their cleanup policies; existing ones are left as they are. */
    @Bean
    KafkaAdmin.NewTopics contractTopics(Topics topics, HubProperties properties) {
        HubProperties.TopicCreation creation = properties.topics();
        return new KafkaAdmin.NewTopics(topics.sharedTopics().stream()
                .map(topic -> topics.catalogTopics().contains(topic) ? creation.newTopic(topic, 1) : creation.newTopic(topic))
                .toArray(NewTopic[]::new));
    }
}
