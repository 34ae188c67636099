package org.dmhub.hub.publication;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * When a roll-up stage rolls up the indicator-periods owing a roll-up: at every live tick
 * ({@code dmhub.rollup.live-emit-interval}) while the stage keeps up with its input, so that a value reaches the
 * view and the national topic a moment after the change that made it; once per emit interval
 * ({@code dmhub.rollup.emit-interval}) while it works through a backlog (a rebuild, a department's catch-up, a hub
 * back after a stop), so that a thousand changes of an indicator-period cost one roll-up, not a thousand.
 *
 * <p>A stage keeps up when the newest input its task has processed (its stream time: the record time set by the
 * sender, carried from stage to stage) was sent less than one emit interval ago. A sender that stamps its records
 * with a time to come only makes the hub roll up at every tick; nothing is left owing longer than an emit interval.
 */
public final class EmitCadence {

    private final long emitMillis;
    private long lastEmit = Long.MIN_VALUE;

    EmitCadence(Duration emitInterval) {
        this.emitMillis = emitInterval.toMillis();
    }

    /**
     * Schedules {@code emit} on the stage's wall clock.
     *
     * @param emit rolls up whatever owes a roll-up
     */
    public static void schedule(ProcessorContext<?, ?> context, IndicatorPeriodRollups.Settings settings, Runnable emit) {
        EmitCadence cadence = new EmitCadence(settings.emitInterval());
        Duration tick = settings.liveEmitInterval().compareTo(settings.emitInterval()) < 0 ? settings.liveEmitInterval()
                : settings.emitInterval();
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (cadence.due(now, context.currentStreamTimeMs())) {
                emit.run();
                cadence.emitted(now);
            }
        });
    }

    /**
     * @param now the wall clock at a tick
     * @param streamTime the record time of the newest input processed; negative before the first
     * @return whether to roll up at this tick
     */
    boolean due(long now, long streamTime) {
        boolean keepingUp = streamTime >= 0 && now - streamTime < emitMillis;
        return keepingUp || lastEmit == Long.MIN_VALUE || now - lastEmit >= emitMillis;
    }

    void emitted(long now) {
        lastEmit = now;
    }
}
