package org.dmhub.hub.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dmhub.schemas.RejectionReason;

/** What the hub counts for the focal point (exported on /actuator/prometheus). */
public final class HubMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer viewLatency;
    private final RefusalLog refusalLog = new RefusalLog(Clock.systemUTC(), Duration.ofMinutes(1));

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.viewLatency = Timer.builder("dmhub.view.latency").description("from an observation's send to its value in the view")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    public void accepted(String department) {
        counter("dmhub.observations.accepted", "department", department).increment();
    }

    public void rejected(String department, List<RejectionReason> reasons) {
        refusalLog.refused(department, reasons);
        for (RejectionReason reason : reasons) {
            Counter.builder("dmhub.observations.rejected").tag("department", department == null ? "unknown" : department)
                    .tag("reason", reason.name()).register(registry).increment();
        }
    }

    public void stale(String department) {
        counter("dmhub.observations.stale", "department", department).increment();
    }

    public void duplicate(String department) {
        counter("dmhub.observations.duplicate", "department", department).increment();
    }

    public void catalogRecordSkipped(String topic) {
        counter("dmhub.catalog.records.skipped", "topic", topic).increment();
    }

    public void published(String topic, int count) {
        counter("dmhub.values.published", "topic", topic).increment(count);
    }

    /**
     * From the department's send (the observation record's time) to the changed value in the view: the earliest
     * pending change of each roll-up, so the worst case of its batch. A sender's clock ahead of the hub's counts as 0.
     */
    public void viewLatency(long millis) {
        viewLatency.record(Duration.ofMillis(Math.max(0, millis)));
    }

    private Counter counter(String name, String tagKey, String tagValue) {
        // looked up once: registering again per observation hashes the meter's whole id each time
        return counters.computeIfAbsent(name + '\n' + tagValue, any -> Counter.builder(name).tag(tagKey, tagValue).register(registry));
    }
}
