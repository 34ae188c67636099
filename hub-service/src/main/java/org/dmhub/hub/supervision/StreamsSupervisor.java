package org.dmhub.hub.supervision;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Keeps the stream processing going. A stream thread that fails is replaced at once and resumes from its last commit
 * (exactly-once processing makes the retry safe); the failure is counted, and one that repeats makes the health
 * endpoint DOWN. No pause is taken there: a dying thread that waits still holds its place in the consumer group and
 * holds up every rebalance. When the processing as a whole stops on an error (a global catalog thread that could not
 * reach the registry, say), it is restarted by the hub itself, after a pause that grows while that keeps happening.
 * Records that fail on their own never get here: the stages and the {@link DeadLetterHandlers} refuse them.
 */
public final class StreamsSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsSupervisor.class);

    private final StreamsFailures failures;
    private volatile StreamsBuilderFactoryBean streams;
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dmhub-streams-restarter");
        thread.setDaemon(true);
        return thread;
    });

    public StreamsSupervisor(StreamsFailures failures) {
        this.failures = failures;
    }

    /** Takes charge of the hub's stream processing: its failed threads and its stops on an error. */
    public void supervise(StreamsBuilderFactoryBean factory) {
        this.streams = factory;
        factory.setStreamsUncaughtExceptionHandler(this::threadFailed);
        factory.setStateListener(this::stateChanged);
    }

    public StreamThreadExceptionResponse threadFailed(Throwable cause) {
        failures.threadFailed(cause);
        log.error("a stream thread failed; it is replaced", cause);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public void stateChanged(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR) {
            Duration pause = failures.processingStopped("the stream processing stopped on an error (was " + oldState + ")");
            log.error("the stream processing stopped on an error; restarting it in {} ms", pause.toMillis());
            restarter.schedule(this::restart, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restart() {
        try {
            streams.stop();
            streams.start();
            log.info("the stream processing was restarted");
        } catch (RuntimeException failed) {
            Duration pause = failures.processingStopped("restarting the stream processing failed: " + failed);
            log.error("restarting the stream processing failed; trying again in {} ms", pause.toMillis(), failed);
            restarter.schedule(this::restart, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        restarter.shutdownNow();
    }
}
