package org.dmhub.hub.supervision;

import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * How many partitions the hub's repartition topics have. Their count is fixed when they are first created; a later
 * change of {@code dmhub.topics.partitions} would make Kafka Streams refuse to start ("Existing internal topic ...
 * has invalid partitions"), so an existing count wins over the configured one, with a warning saying so. Changing
 * it takes a rebuild of the view under a new application id.
 */
public final class InternalTopicPartitions {

    private static final Logger log = LoggerFactory.getLogger(InternalTopicPartitions.class);

    private final int partitions;
    private final String note;

    private InternalTopicPartitions(int partitions, String note) {
        this.partitions = partitions;
        this.note = note;
    }

    /** @param repartitionTopic the first of the hub's repartition topics, as Kafka Streams names it */
    public static InternalTopicPartitions find(KafkaAdmin admin, String repartitionTopic, int configured) {
        Map<String, TopicDescription> found;
        try {
            found = admin.describeTopics(repartitionTopic);
        } catch (RuntimeException notThereOrUnreachable) {
            return new InternalTopicPartitions(configured, null);
        }
        TopicDescription existing = found.get(repartitionTopic);
        if (existing == null || existing.partitions().size() == configured) {
            return new InternalTopicPartitions(configured, null);
        }
        int actual = existing.partitions().size();
        String note = "dmhub.topics.partitions is " + configured + " but the hub's internal topics were created with " + actual
                + " partitions; the hub keeps " + actual + " (rebuild the view under a new application id to change it)";
        log.warn("{}", note);
        return new InternalTopicPartitions(actual, note);
    }

    public int partitions() {
        return partitions;
    }

    /** Why the configured count is not the one used; null when it is. */
    public String note() {
        return note;
    }
}
