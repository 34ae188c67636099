package org.dmhub.hub.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** A changed dmhub.topics.partitions never stops the hub: internal topics that exist keep their partition count. */
@EmbeddedKafka(partitions = 1)
class InternalTopicPartitionsIT {

    @Test
    void anExistingRepartitionTopicsCountWinsOverTheConfiguredOneWithANote() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        String topic = "hub-a-by-indicator-period-repartition";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));

        InternalTopicPartitions changed = InternalTopicPartitions.find(kafkaAdmin, topic, 12);
        assertThat(changed.partitions()).isEqualTo(6);
        assertThat(changed.note()).contains("dmhub.topics.partitions is 12", "created with 6 partitions");

        InternalTopicPartitions same = InternalTopicPartitions.find(kafkaAdmin, topic, 6);
        assertThat(same.partitions()).isEqualTo(6);
        assertThat(same.note()).isNull();

        InternalTopicPartitions fresh = InternalTopicPartitions.find(kafkaAdmin, "hub-b-by-indicator-period-repartition", 12);
        assertThat(fresh.partitions()).as("no such topic yet: the configured count").isEqualTo(12);
    }
}
