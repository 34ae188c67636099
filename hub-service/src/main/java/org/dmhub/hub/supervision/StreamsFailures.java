package org.dmhub.hub.supervision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dmhub.hub.HubProperties;

/**
 * What went wrong with the stream processing lately: stream threads that failed and were replaced, the processing
 * stopped on an error and restarted. A failure seen once (Kafka Streams has passing ones, as when a newly created
 * department topic reaches a thread before its metadata) is retried at once; the same failure again within the
 * failure window means the cause persists (the registry away, say): restarts then wait longer and longer, and the
 * health endpoint reports it as failing.
 */
public final class StreamsFailures {

    /** One failure: when, and what. */
    public record Failure(Instant at, String what) {
    }

    private final HubProperties.Health settings;
    private final Clock clock;
    private final Counter threadReplacements;
    private final Counter restarts;
    private final Counter deadLettered;
    private final Map<String, Repeats> byKind = new ConcurrentHashMap<>();
    private volatile Failure latest;

    private record Repeats(int inARow, Instant last) {
    }

    public StreamsFailures(HubProperties.Health settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.threadReplacements = Counter.builder("dmhub.streams.thread.replacements")
                .description("stream threads that failed and were replaced").register(meters);
        this.restarts = Counter.builder("dmhub.streams.restarts")
                .description("restarts of the stream processing after it stopped on an error").register(meters);
        this.deadLettered = Counter.builder("dmhub.records.dead.lettered")
                .description("records that failed after they were read, sent to the rejected topic as PROCESSING_FAILED")
                .register(meters);
    }

    /** A record failed after it was read and went to the dead letters; processing goes on. */
    public void deadLettered() {
        deadLettered.increment();
    }

    public long deadLetteredCount() {
        return (long) deadLettered.count();
    }

    /** A stream thread failed (it is replaced at once). */
    public void threadFailed(Throwable cause) {
        threadReplacements.increment();
        failed("stream thread failed: " + describe(cause));
    }

    /** The stream processing stopped on an error; returns how long to pause before restarting it. */
    public Duration processingStopped(String what) {
        restarts.increment();
        return failed(what);
    }

    /** The latest failure if it lies within the failure window and repeats one before it: the cause persists. */
    public Failure recent() {
        Failure failure = latest;
        if (failure == null || !failure.at().plus(settings.failureWindow()).isAfter(clock.instant())) {
            return null;
        }
        Repeats repeats = byKind.get(failure.what());
        return repeats != null && repeats.inARow() > 1 ? failure : null;
    }

    public long threadReplacements() {
        return (long) threadReplacements.count();
    }

    private Duration failed(String what) {
        Instant now = clock.instant();
        Repeats repeats = byKind.merge(what, new Repeats(1, now), (before, again) -> before.last().plus(settings.failureWindow())
                .isAfter(now) ? new Repeats(before.inARow() + 1, now) : again);
        latest = new Failure(now, what);
        if (repeats.inARow() == 1) {
            return Duration.ZERO;
        }
        long pause = settings.restartBackoff().toMillis() << Math.min(repeats.inARow() - 2, 20);
        return Duration.ofMillis(Math.min(pause, settings.maxRestartBackoff().toMillis()));
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause) : cause + " (caused by " + root + ")";
    }
}
