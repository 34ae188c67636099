package org.dmhub.hub.monitoring;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.supervision.StuckPartitions;
import org.dmhub.hub.supervision.StreamsFailures;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP only while the Kafka Streams application is RUNNING, no stream thread keeps failing (the same failure twice
 * within the failure window) and no input partition with records waiting goes unprocessed for that window:
 * otherwise the hub is not consolidating, or not all of it. Records sent to the dead letters do not make it DOWN
 * (processing goes on), but they are counted here.
 */
@Component("streams")
class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final StreamsFailures failures;
    private final StuckPartitions stuck;
    private final Clock clock;

    StreamsHealthIndicator(StreamsBuilderFactoryBean streams, StreamsFailures failures, HubProperties properties) {
        super("Kafka Streams health check failed");
        this.streams = streams;
        this.failures = failures;
        this.stuck = new StuckPartitions(properties.health().failureWindow());
        this.clock = Clock.systemUTC();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("threadReplacements", failures.threadReplacements()).withDetail("deadLettered", failures.deadLetteredCount());
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            builder.down().withDetail("state", "NOT_STARTED");
            return;
        }
        KafkaStreams.State state = kafkaStreams.state();
        builder.withDetail("state", state.name());
        StreamsFailures.Failure recent = failures.recent();
        List<String> stuckPartitions = state == KafkaStreams.State.RUNNING ? stuck.observe(lagsByName(kafkaStreams), clock.instant()) : List.of();
        if (state != KafkaStreams.State.RUNNING) {
            builder.down();
        } else if (recent != null) {
            builder.down().withDetail("reason", "a stream thread failed at " + recent.at() + ": " + recent.what());
        } else if (!stuckPartitions.isEmpty()) {
            builder.down().withDetail("reason", "records are waiting on partitions the processing does not move on")
                    .withDetail("stuckPartitions", stuckPartitions);
        } else {
            builder.up();
        }
        if (recent != null) {
            builder.withDetail("lastFailure", recent.at() + ": " + recent.what());
        }
    }

    private static Map<String, Long> lagsByName(KafkaStreams kafkaStreams) {
        Map<String, Long> lags = new HashMap<>();
        ConsumerLag.perPartition(kafkaStreams).forEach((partition, lag) -> lags.put(partition.toString(), lag));
        return lags;
    }
}
