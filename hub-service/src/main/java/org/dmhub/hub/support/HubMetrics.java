package org.dmhub.hub.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
    /** By department, each stream task's count of DIVERGENT reconciliations (tasks move between instances). */
    private final Map<String, Map<String, Integer>> divergent = new ConcurrentHashMap<>();
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

    /**
     * A reconciliation task's count of DIVERGENT reconciliations (link, area and period) by department of the operating
     * indicator, replacing what it counted before; an empty map when the task leaves this instance. Exported as the
     * gauge {@code dmhub.reconciliation.divergent}, per department.
     */
    public void divergentReconciliations(String task, Map<String, Integer> byDepartment) {
        for (String department : byDepartment.keySet()) {
            divergent.computeIfAbsent(department, known -> {
                Map<String, Integer> byTask = new ConcurrentHashMap<>();
                Gauge.builder("dmhub.reconciliation.divergent", byTask, counts -> counts.values().stream().mapToInt(Integer::intValue).sum())
                        .description("reconciliations of an operating indicator with its statistical one that are DIVERGENT")
                        .tag("department", known).register(registry);
                return byTask;
            });
        }
        divergent.forEach((department, byTask) -> {
            Integer count = byDepartment.get(department);
            if (count == null) {
                byTask.remove(task);
            } else {
                byTask.put(task, count);
            }
        });
    }

    private Counter counter(String name, String tagKey, String tagValue) {
        // looked up once: registering again per observation hashes the meter's whole id each time
        return counters.computeIfAbsent(name + '\n' + tagValue, any -> Counter.builder(name).tag(tagKey, tagValue).register(registry));
    }
}
