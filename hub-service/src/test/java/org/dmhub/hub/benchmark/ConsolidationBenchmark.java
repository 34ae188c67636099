package org.dmhub.hub.benchmark;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Throughput of the hub's consolidation, end to end with exactly_once_v2: {@code periods} months of the
 * {@link BenchmarkHub}'s 40 indicators × 100 communes are preloaded (checked to be all stored), then a new hub
 * consolidates them; the clock runs from its start to its last published value. The CPU time of the JVM per
 * observation is measured beside the clock figure, which varies more on a shared machine, and the JVM's resident
 * memory is sampled throughout the hub's run. At the end, its producers' metrics tell what it wrote to the broker
 * ({@link BrokerWrites}).
 */
final class ConsolidationBenchmark {

    record Result(long observations, double preloadPerSecond, double seconds, double cpuMicrosPerObservation,
            long peakResidentBytes, long viewValues, long nationalAggregates, BrokerWrites writes) {

        double perSecond() {
            return observations / seconds;
        }
    }

    private ConsolidationBenchmark() {
    }

    static Result run(String bootstrap, String registryUrl, String run, int periods) throws Exception {
        BenchmarkHub hub = BenchmarkHub.create(bootstrap, registryUrl, run);
        long observations = (long) BenchmarkHub.INDICATORS * BenchmarkHub.COMMUNES * periods;
        double preloadRate = hub.preload(periods);
        Set<String> inputTopics = hub.inputTopics();
        try (Admin admin = hub.admin(); KafkaStreams streams = hub.start()) {
            long start = System.nanoTime();
            long cpuAtStart = BenchmarkHub.processCpuNanos();
            long peakResident = BenchmarkHub.residentBytes();
            long viewEnd = -1;
            long lastGrowth = start;
            // done when nothing reached the view for longer than a roll-up can be held back through a backlog
            long quiet = TimeUnit.MILLISECONDS.toNanos(BenchmarkHub.backlogHoldMillis() + BenchmarkHub.emitMillis() + 1_000);
            long cpuAtLastGrowth = cpuAtStart;
            while (true) {
                Thread.sleep(250);
                peakResident = Math.max(peakResident, BenchmarkHub.residentBytes());
                long lag = BenchmarkHub.lag(admin, hub.applicationId(), inputTopics);
                long end = BenchmarkHub.endOffsets(admin, Set.of(hub.topics.viewValues().name()));
                if (end != viewEnd) {
                    viewEnd = end;
                    lastGrowth = System.nanoTime();
                    cpuAtLastGrowth = BenchmarkHub.processCpuNanos();
                }
                if (lag == 0 && System.nanoTime() - lastGrowth > quiet) {
                    break;
                }
            }
            long national = BenchmarkHub.endOffsets(admin, Set.of(hub.topics.nationalAggregates().name()));
            BrokerWrites writes = BrokerWrites.of(streams, Set.of(hub.topics.viewValues().name(), hub.topics.nationalAggregates().name()));
            return new Result(observations, preloadRate, (lastGrowth - start) / 1e9, (cpuAtLastGrowth - cpuAtStart) / 1e3 / observations,
                    peakResident, viewEnd, national, writes);
        }
    }
}
