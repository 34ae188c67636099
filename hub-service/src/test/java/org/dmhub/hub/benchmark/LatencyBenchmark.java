package org.dmhub.hub.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.NationalAggregate;

/**
 * Send → national consumer latency at a steady 1,000 observations per second: every second the 10 nationally
 * republished indicators of the {@link BenchmarkHub} get a new month from all 100 communes, sent evenly over the
 * second, after as many seconds of warm-up. A consumer of the national topic (read_committed, as national systems read it) notes when each
 * indicator-month arrives complete (100 communes contributing); its latency is that arrival less the sending of the
 * month's last observation.
 */
final class LatencyBenchmark {

    record Result(int samples, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {
    }

    private LatencyBenchmark() {
    }

    /**
     * @param warmUpSeconds the first seconds of months, sent and read as the others but not counted: the latency of a
     *     hub that has been running, not of its JVM's first seconds
     */
    static Result run(String bootstrap, String registryUrl, String run, int warmUpSeconds, int seconds) throws Exception {
        BenchmarkHub hub = BenchmarkHub.create(bootstrap, registryUrl, run);
        List<IndicatorDefinition> national = hub.indicators.stream().filter(i -> i.getNationalCode() != null).toList();
        Map<String, Long> lastSent = new ConcurrentHashMap<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-national-reader");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaStreams streams = hub.start();
                KafkaConsumer<String, NationalAggregate> reader = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                        hub.serdes.valueSerde(hub.topics.nationalAggregates()).deserializer());
                KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(withoutLinger(hub.producerConfig()))) {
            reader.subscribe(List.of(hub.topics.nationalAggregates().name()));
            Thread readerThread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (ConsumerRecord<String, NationalAggregate> record : reader.poll(Duration.ofMillis(20))) {
                            NationalAggregate aggregate = record.value();
                            if (aggregate != null && aggregate.getContributing() == BenchmarkHub.COMMUNES && !aggregate.getRolledUpOverTime()) {
                                arrived.putIfAbsent(aggregate.getIndicator() + "|" + aggregate.getPeriod(), System.nanoTime());
                            }
                        }
                    } catch (InterruptException | WakeupException stop) {
                        return;
                    }
                }
            }, "national-reader");
            readerThread.start();
            Thread.sleep(2_000); // the reader joins its group
            long tick = System.nanoTime();
            int perSecond = national.size() * BenchmarkHub.COMMUNES;
            for (int second = 0; second < warmUpSeconds + seconds; second++) {
                String period = BenchmarkHub.period(second);
                int sent = 0;
                for (IndicatorDefinition indicator : national) {
                    for (String commune : hub.communes) {
                        producer.send(hub.record(hub.observation(indicator, commune, period, second)));
                        sent++;
                        if (sent % 10 == 0) {
                            // 10 observations every 10 ms
                            tick += 10_000_000L;
                            long wait = tick - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                    }
                    if (second >= warmUpSeconds) {
                        lastSent.put(indicator.getCode() + "|" + period, System.nanoTime());
                    }
                }
                if (sent != perSecond) {
                    throw new IllegalStateException("sent " + sent);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!arrived.keySet().containsAll(lastSent.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            readerThread.interrupt();
            readerThread.join(5_000);
        }
        List<Double> latencies = new ArrayList<>();
        lastSent.forEach((key, sentAt) -> {
            Long at = arrived.get(key);
            if (at != null) {
                latencies.add((at - sentAt) / 1e6);
            }
        });
        if (latencies.size() < lastSent.size()) {
            throw new IllegalStateException(latencies.size() + " of " + lastSent.size() + " indicator-months arrived complete within 30 s");
        }
        Collections.sort(latencies);
        return new Result(latencies.size(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                latencies.get(latencies.size() - 1));
    }

    private static Map<String, Object> withoutLinger(Map<String, Object> config) {
        Map<String, Object> paced = new HashMap<>(config);
        paced.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return paced;
    }

    static double percentile(List<Double> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
