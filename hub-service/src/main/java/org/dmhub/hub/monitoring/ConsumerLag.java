package org.dmhub.hub.monitoring;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/** The records waiting on each input partition of this instance, from its consumers' own metrics. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    public static Map<TopicPartition, Long> perPartition(KafkaStreams kafkaStreams) {
        Map<TopicPartition, Long> lags = new HashMap<>();
        for (Metric metric : kafkaStreams.metrics().values()) {
            Map<String, String> tags = metric.metricName().tags();
            if ("records-lag".equals(metric.metricName().name()) && tags.get("topic") != null && tags.get("partition") != null
                    && metric.metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                lags.merge(new TopicPartition(tags.get("topic"), Integer.parseInt(tags.get("partition"))),
                        Math.round(value.doubleValue()), Math::max);
            }
        }
        return lags;
    }
}
