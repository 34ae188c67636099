package org.dmhub.connector.spool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.dmhub.schemas.IndicatorObservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the {@link Spool} holds, in order, on one background thread, and takes each observation out once the
 * broker has stored it. While the broker or the registry cannot be reached, or the broker refuses the connector's
 * credentials or access rights, it waits and tries again, for as long as it takes: observations only ever leave the
 * spool acknowledged, or refused for good because of the record itself (too large, invalid), which fails their
 * future and keeps them aside in the spool file.
 *
 * <p>An observation already stored but not yet taken out when the process ends is sent again by the next sender;
 * the hub recognises it by its eventId and does not count it twice.
 */
public final class SpoolSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpoolSender.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    /** How many spooled observations are read at once to be sent. */
    private static final int SEND_BATCH = 500;

    private final Spool spool;
    private final Producer<String, IndicatorObservation> producer;
    private final String topic;
    private final Function<IndicatorObservation, String> key;
    private final Map<Long, CompletableFuture<RecordMetadata>> waiting = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Thread thread;
    /** The lowest sequence whose send failed transiently; the sender goes back to it. */
    private final AtomicLong resendFrom = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean closing;
    /** System.nanoTime() before which nothing is sent, after the broker refused the connector's credentials or rights. */
    private volatile long pauseUntil;
    /** Why the broker refuses this connector, since its last acknowledgement; null while it accepts. */
    private volatile Exception refusal;

    public SpoolSender(Spool spool, Producer<String, IndicatorObservation> producer, String topic,
            Function<IndicatorObservation, String> key) {
        this.spool = spool;
        this.producer = producer;
        this.topic = topic;
        this.key = key;
        this.thread = new Thread(this::sendInOrder, "dmhub-spool-sender");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Writes the observations to the spool, then returns one future per observation, completed on acknowledgement. */
    public List<CompletableFuture<RecordMetadata>> add(List<IndicatorObservation> observations) {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(observations.size());
        // each future is registered before the sender can see its observation, so that an early acknowledgement
        // finds it; the sender sends the first observations while the spool is still writing the others
        spool.append(observations, sequence -> {
            CompletableFuture<RecordMetadata> stored = new CompletableFuture<>();
            waiting.put(sequence, stored);
            futures.add(stored);
        });
        synchronized (changed) {
            changed.notifyAll();
        }
        return futures;
    }

    /** How many observations are waiting in the spool for the broker's acknowledgement. */
    public long pending() {
        return spool.pendingCount();
    }

    /**
     * Why the broker refuses this connector's sends (its credentials or access rights, e.g. a topic it may not write),
     * when it refused the last one; empty once a send is acknowledged.
     */
    public Optional<Exception> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Observations acknowledged by this sender since it started. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Waits until the spool is empty; false when {@code timeout} passed first. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.pendingCount() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (changed) {
                changed.wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
        spool.commit();
        return true;
    }

    /**
     * Stops sending and closes the producer and the spool; what the broker has not acknowledged within {@code timeout} stays in the spool for the next
     * sender, and its futures fail with {@link StillSpooledException}.
     */
    public void close(Duration timeout) {
        closing = true;
        synchronized (changed) {
            changed.notifyAll();
        }
        try {
            // longer than a send may block waiting for the broker's metadata
            thread.join(Math.max(RETRY_PAUSE.multipliedBy(5).toMillis(), timeout.toMillis() + 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
        spool.commit();
        spool.close();
        waiting.values().forEach(future -> future.completeExceptionally(new StillSpooledException(spool.file())));
        waiting.clear();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private void sendInOrder() {
        long lastSent = 0;
        long lastCommit = System.nanoTime();
        boolean reportedOutage = false;
        while (!closing) {
            try {
                long goBackTo = resendFrom.getAndSet(Long.MAX_VALUE);
                if (goBackTo != Long.MAX_VALUE && goBackTo <= lastSent) {
                    lastSent = goBackTo - 1;
                }
                if (System.nanoTime() - lastCommit > COMMIT_INTERVAL.toNanos()) {
                    spool.commit();
                    lastCommit = System.nanoTime();
                }
                long paused = pausedFor();
                if (paused > 0) {
                    waitForChange(Duration.ofNanos(paused));
                    continue;
                }
                List<Map.Entry<Long, IndicatorObservation>> next = spool.nextAfter(lastSent, SEND_BATCH);
                if (next.isEmpty()) {
                    waitForChange(COMMIT_INTERVAL);
                    continue;
                }
                for (Map.Entry<Long, IndicatorObservation> entry : next) {
                    if (closing || pausedFor() > 0 || resendFrom.get() != Long.MAX_VALUE) {
                        break; // the loop's start handles them before anything more is sent
                    }
                    long sequence = entry.getKey();
                    IndicatorObservation observation = entry.getValue();
                    // the record's time is when the observation was published, not when an outage let it leave the
                    // spool: the hub judges timeliness by it
                    producer.send(new ProducerRecord<>(topic, null, observation.getPublishedAt().toEpochMilli(), key.apply(observation),
                            observation), acknowledgement(sequence));
                    lastSent = sequence;
                }
                if (reportedOutage) {
                    log.info("sending the spool again; {} observations wait in {}", spool.pendingCount(), spool.file());
                    reportedOutage = false;
                }
            } catch (RuntimeException unreachable) {
                if (closing) {
                    return;
                }
                // the broker's metadata or the registry cannot be reached, the send buffer is full, the spool file
                // cannot be written: wait and retry, never stop sending
                if (!reportedOutage) {
                    log.warn("cannot send now ({}); {} observations are kept in {} and sent when it is possible again",
                            unreachable.toString(), spool.pendingCount(), spool.file());
                    reportedOutage = true;
                }
                waitForChange(RETRY_PAUSE);
            }
        }
    }

    /** How long sending still pauses after the broker refused the connector's credentials or rights; 0 or less: not. */
    private long pausedFor() {
        long until = pauseUntil;
        return until == 0 ? 0 : until - System.nanoTime();
    }

    private Callback acknowledgement(long sequence) {
        return (metadata, error) -> {
            if (error == null) {
                pauseUntil = 0;
                refusal = null;
                spool.remove(sequence);
                acknowledged.incrementAndGet();
                complete(sequence, metadata, null);
            } else if (closing) {
                // an unfinished send at close: the observation stays in the spool for the next sender
            } else if (error instanceof RecordTooLargeException || error instanceof InvalidRecordException
                    || error instanceof SerializationException) {
                log.error("the broker refused observation {} for good ({}); it is kept aside in {}", sequence, error.getMessage(),
                        spool.file());
                spool.refuse(sequence);
                complete(sequence, null, error);
            } else if (error instanceof RetriableException) {
                resendFrom.accumulateAndGet(sequence, Math::min);
            } else {
                // credentials, access rights or the producer's state: fixed outside the record, never by dropping it
                if (pauseUntil == 0) {
                    log.error("the broker refuses this connector ({}); {} observations wait in {} until that is fixed",
                            error.toString(), spool.pendingCount(), spool.file());
                }
                refusal = error;
                pauseUntil = System.nanoTime() + RETRY_PAUSE.multipliedBy(5).toNanos();
                resendFrom.accumulateAndGet(sequence, Math::min);
            }
        };
    }

    private void complete(long sequence, RecordMetadata metadata, Exception error) {
        CompletableFuture<RecordMetadata> future;
        // add() registers each future before the sender can see its observation, so an acknowledgement always finds
        // it; the lock is the one awaitEmpty() waits on, woken here
        synchronized (changed) {
            future = waiting.remove(sequence);
            changed.notifyAll();
        }
        if (future != null) {
            if (error == null) {
                future.complete(metadata);
            } else {
                future.completeExceptionally(error);
            }
        }
    }

    private void waitForChange(Duration atMost) {
        synchronized (changed) {
            try {
                changed.wait(Math.max(1, atMost.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
            }
        }
    }
}
