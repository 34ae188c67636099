package org.dmhub.hub.publication;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.dmhub.hub.aggregation.PendingRollups;

/**
 * When a roll-up stage rolls up the indicator-periods owing a roll-up: at every live tick
 * ({@code dmhub.rollup.live-emit-interval}) while the stage keeps up with its input, so that a value reaches the
 * view and the national topic a moment after the change that made it; once per emit interval
 * ({@code dmhub.rollup.emit-interval}) while it works through a backlog (a rebuild, a department's catch-up, a hub
 * back after a stop), so that a thousand changes of an indicator-period cost one roll-up, not a thousand; then only
 * the indicator-periods that settled are rolled up, one still changing being held back for at most
 * {@code dmhub.rollup.backlog-hold} ({@link PendingRollups#drainSettled}).
 *
 * <p>A stage keeps up when the newest input its task has processed (its stream time: the record time set by the
 * sender, carried from stage to stage) was sent less than one emit interval ago. A sender that stamps its records
 * with a time to come only makes the hub roll up at every tick. When input stops, what the stage owes is rolled up within
 * two emit intervals.
 */
public final class EmitCadence {

    private final long emitMillis;
    private long lastEmit = Long.MIN_VALUE;

    EmitCadence(Duration emitInterval) {
        this.emitMillis = emitInterval.toMillis();
    }

    /**
     * Schedules the stage's emits on its wall clock: while it keeps up, every key owing a roll-up is rolled up;
     * through a backlog, those that settled ({@link PendingRollups#drainSettled}), a key still changing being held
     * back for at most {@code dmhub.rollup.backlog-hold}.
     *
     * @param rollUp rolls up one key owing a roll-up
     * @param afterEmit runs after each emit's roll-ups
     */
    public static void schedule(ProcessorContext<?, ?> context, IndicatorPeriodRollups.Settings settings, PendingRollups pending,
            BiConsumer<String, Long> rollUp, Runnable afterEmit) {
        EmitCadence cadence = new EmitCadence(settings.emitInterval());
        Duration tick = settings.liveEmitInterval().compareTo(settings.emitInterval()) < 0 ? settings.liveEmitInterval()
                : settings.emitInterval();
        long holdAtMost = settings.backlogHold().toMillis();
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
            long streamTime = context.currentStreamTimeMs();
            if (cadence.keepingUp(now, streamTime)) {
                pending.drain(rollUp);
            } else if (cadence.due(now, streamTime)) {
                pending.drainSettled(rollUp, now, holdAtMost);
            } else {
                return;
            }
            afterEmit.run();
            cadence.emitted(now);
        });
    }

    /**
     * @param now the wall clock at a tick
     * @param streamTime the record time of the newest input processed; negative before the first
     */
    boolean keepingUp(long now, long streamTime) {
        return streamTime >= 0 && now - streamTime < emitMillis;
    }

    /**
     * @param now the wall clock at a tick
     * @param streamTime the record time of the newest input processed; negative before the first
     * @return whether to roll up at this tick
     */
    boolean due(long now, long streamTime) {
        return keepingUp(now, streamTime) || lastEmit == Long.MIN_VALUE || now - lastEmit >= emitMillis;
    }

    void emitted(long now) {
        lastEmit = now;
    }
}
