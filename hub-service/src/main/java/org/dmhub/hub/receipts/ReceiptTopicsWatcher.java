package org.dmhub.hub.receipts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.dmhub.contract.Topics;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.schemas.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure every department of the framework has its receipts topic, and tells the stream which ones exist.
 * Applying a framework creates them; this also covers a framework applied by an earlier version of the hub, and a
 * topic deleted by hand. A department of the framework whose first records come before the next check is made sure of
 * at once, on the stream's thread (at most once a second), so that its first receipts are not lost. A department
 * whose topic cannot be made gets no receipts for that while, never a stalled stream: writing to a missing topic
 * would hold up its whole task.
 */
public final class ReceiptTopicsWatcher implements ReceiptTopics, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiptTopicsWatcher.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Duration RETRY_ON_DEMAND = Duration.ofSeconds(1);

    private final Topics topics;
    private final Catalog catalog;
    private final KafkaAdmin admin;
    private final HubProperties.TopicCreation creation;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> triedOnDemand = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dmhub-receipt-topics");
        thread.setDaemon(true);
        return thread;
    });

    public ReceiptTopicsWatcher(Topics topics, Catalog catalog, KafkaAdmin admin, HubProperties.TopicCreation creation) {
        this.topics = topics;
        this.catalog = catalog;
        this.admin = admin;
        this.creation = creation;
        checker.scheduleWithFixedDelay(this::check, 0, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean ready(String department) {
        if (ready.contains(department)) {
            return true;
        }
        long now = System.nanoTime();
        Long tried = triedOnDemand.get(department);
        if ((tried == null || now - tried >= RETRY_ON_DEMAND.toNanos()) && inFramework(department)) {
            triedOnDemand.put(department, now);
            ensure(List.of(department));
        }
        return ready.contains(department);
    }

    private boolean inFramework(String department) {
        return Topics.isValidDepartmentCode(department)
                && catalog.departments().stream().anyMatch(known -> known.getCode().equals(department));
    }

    private void check() {
        List<String> missing = catalog.departments().stream().map(Department::getCode)
                .filter(code -> !ready.contains(code) && Topics.isValidDepartmentCode(code)).toList();
        if (!missing.isEmpty()) {
            ensure(missing);
        }
    }

    private void ensure(List<String> missing) {
        try {
            admin.createOrModifyTopics(missing.stream().map(code -> creation.newTopic(topics.receipts(code))).toArray(NewTopic[]::new));
            ready.addAll(missing);
            log.info("receipts topics ready for {}", missing);
        } catch (RuntimeException unavailable) {
            log.warn("could not make sure the receipts topics of {} exist (tried again in {} s): {}", missing,
                    CHECK_INTERVAL.toSeconds(), unavailable.toString());
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
