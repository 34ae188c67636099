package org.dmhub.hub.monitoring;

import org.apache.kafka.streams.KafkaStreams;
import org.dmhub.hub.supervision.StreamsFailures;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP only while the Kafka Streams application is RUNNING and no stream thread keeps failing (the same failure twice
 * within the failure window):
 * otherwise the hub is not consolidating, or not all of it. Records sent to the dead letters do not make it DOWN
 * (processing goes on), but they are counted here.
 */
@Component("streams")
class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final StreamsFailures failures;

    StreamsHealthIndicator(StreamsBuilderFactoryBean streams, StreamsFailures failures) {
        super("Kafka Streams health check failed");
        this.streams = streams;
        this.failures = failures;
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
        if (state != KafkaStreams.State.RUNNING) {
            builder.down();
        } else if (recent != null) {
            builder.down().withDetail("reason", "a stream thread failed at " + recent.at() + ": " + recent.what());
        } else {
            builder.up();
        }
        if (recent != null) {
            builder.withDetail("lastFailure", recent.at() + ": " + recent.what());
        }
    }
}
