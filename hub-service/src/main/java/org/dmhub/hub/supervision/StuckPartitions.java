package org.dmhub.hub.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds input partitions the stream processing no longer moves on: records are waiting on them, and their lag
 * has not gone down once for a whole window. A partition whose lag shrinks now and then is being processed, however
 * busy; one stuck on a task that makes no progress keeps its lag, or sees it grow.
 */
public final class StuckPartitions {

    private record Waiting(long lag, Instant since) {
    }

    private final Duration window;
    private final Map<String, Waiting> waiting = new HashMap<>();

    public StuckPartitions(Duration window) {
        this.window = window;
    }

    /**
     * @param lags the records waiting on each partition now, by partition name
     * @return the partitions whose lag has not gone down for the window, with their lag
     */
    public synchronized List<String> observe(Map<String, Long> lags, Instant now) {
        waiting.keySet().retainAll(lags.keySet());
        lags.forEach((partition, lag) -> {
            Waiting before = waiting.get(partition);
            if (lag <= 0) {
                waiting.remove(partition);
            } else if (before == null || lag < before.lag()) {
                waiting.put(partition, new Waiting(lag, now));
            }
        });
        return waiting.entrySet().stream()
                .filter(entry -> !entry.getValue().since().plus(window).isAfter(now))
                .map(entry -> entry.getKey() + " (" + lags.get(entry.getKey()) + " records waiting since " + entry.getValue().since() + ")")
                .sorted().toList();
    }
}
