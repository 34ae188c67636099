package org.dmhub.hub.api;

import java.util.Map;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.dmhub.contract.Topics;
import org.dmhub.hub.monitoring.ConsumerLag;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The figures of the dashboard's throughput panel, in one call (the same are on /actuator/prometheus). */
@RestController
@RequestMapping("/api/monitoring")
class MonitoringController {

    private final MeterRegistry meters;
    private final StreamsBuilderFactoryBean streams;
    private final Topics topics;

    MonitoringController(MeterRegistry meters, StreamsBuilderFactoryBean streams, Topics topics) {
        this.meters = meters;
        this.streams = streams;
        this.topics = topics;
    }

    /**
     * Totals of this instance since it started, and its consumer lag on the department topics.
     *
     * @return lag null when the stream processing is not running
     */
    @GetMapping("/summary")
    Summary summary() {
        return new Summary(total("dmhub.observations.accepted"), total("dmhub.observations.rejected"),
                total("dmhub.observations.duplicate"), total("dmhub.observations.stale"), published("view"), published("national"), lag());
    }

    /**
     * This instance's totals: {@code published} view values, of which {@code nationalAggregates} also went to the national
     * topic; {@code lag}: records on department topics not yet read.
     */
    record Summary(long accepted, long rejected, long duplicate, long stale, long published, long nationalAggregates, Long lag) {
    }

    private long total(String counter) {
        return Math.round(meters.find(counter).counters().stream().mapToDouble(Counter::count).sum());
    }

    private long published(String topic) {
        return Math.round(meters.find("dmhub.values.published").tag("topic", topic).counters().stream().mapToDouble(Counter::count).sum());
    }

    private Long lag() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        return ConsumerLag.perPartition(kafkaStreams).entrySet().stream()
                .filter(waiting -> topics.departmentOf(waiting.getKey().topic()).isPresent())
                .mapToLong(Map.Entry::getValue).sum();
    }
}
