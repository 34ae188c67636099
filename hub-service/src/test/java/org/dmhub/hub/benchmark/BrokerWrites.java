package org.dmhub.hub.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a hub's producers wrote to the broker, by kind of topic, from their own per-topic metrics
 * ({@code producer-topic-metrics}: {@code record-send-total} and {@code byte-total}, the bytes of the batches sent,
 * record framing included): the work the hub hands the broker for its observations, beside
 * {@code ProducerPerformance}'s one record of 200 B each.
 */
record BrokerWrites(Map<String, Totals> byKind) {

    record Totals(long records, long bytes) {

        Totals plus(Totals more) {
            return new Totals(records + more.records, bytes + more.bytes);
        }
    }

    static final String VIEW = "view and national topics";
    static final String REPARTITIONS = "own repartition topics";
    static final String CHANGELOGS = "store changelogs";
    static final String OTHERS = "other topics";

    /** @param publications the view's and the national topic's names */
    static BrokerWrites of(KafkaStreams streams, Set<String> publications) {
        Map<String, Totals> byKind = new LinkedHashMap<>();
        for (String kind : new String[] {VIEW, REPARTITIONS, CHANGELOGS, OTHERS}) {
            byKind.put(kind, new Totals(0, 0));
        }
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            String topic = name.tags().get("topic");
            if ("producer-topic-metrics".equals(name.group()) && topic != null
                    && entry.getValue().metricValue() instanceof Number value) {
                Totals written = switch (name.name()) {
                    case "record-send-total" -> new Totals(value.longValue(), 0);
                    case "byte-total" -> new Totals(0, value.longValue());
                    default -> null;
                };
                if (written != null) {
                    byKind.merge(kindOf(topic, publications), written, Totals::plus);
                }
            }
        }
        return new BrokerWrites(byKind);
    }

    private static String kindOf(String topic, Set<String> publications) {
        if (topic.endsWith("-repartition")) {
            return REPARTITIONS;
        }
        if (topic.endsWith("-changelog")) {
            return CHANGELOGS;
        }
        return publications.contains(topic) ? VIEW : OTHERS;
    }

    long records() {
        return byKind.values().stream().mapToLong(Totals::records).sum();
    }

    long bytes() {
        return byKind.values().stream().mapToLong(Totals::bytes).sum();
    }
}
