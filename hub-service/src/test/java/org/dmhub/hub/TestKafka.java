package org.dmhub.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.schemas.AdminArea;

/** Clients and data shared by the tests that run the hub as a process against a real broker. */
final class TestKafka {

    private TestKafka() {
    }

    static FromScratchView.Tree threeLevelTree() {
        List<AdminArea> areas = new ArrayList<>(List.of(new AdminArea("P", "Tỉnh", "PROVINCE", null)));
        for (int d = 0; d < 3; d++) {
            areas.add(new AdminArea("D" + d, "Huyện " + d, "DISTRICT", "P"));
            for (int c = 0; c < 3; c++) {
                areas.add(new AdminArea("C" + d + "_" + c, "Xã " + d + "." + c, "COMMUNE", "D" + d));
            }
        }
        return new FromScratchView.Tree(areas);
    }

    static KafkaProducer<String, SpecificRecord> producer(String bootstrap, RegistrySerdes serdes) {
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config);
    }

    static <V extends SpecificRecord> void send(KafkaProducer<String, SpecificRecord> producer, TopicDefinition<V> topic,
            String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    /** Reads only what the hub committed, from the start of the view and national topics. */
    static KafkaConsumer<String, SpecificRecord> committedReader(String bootstrap, RegistrySerdes serdes, Topics topics) {
        Map<String, Object> config = new HashMap<>(serdes.consumerConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topics.viewValues().name(), topics.nationalAggregates().name()));
        return consumer;
    }
}
