package org.dmhub.hub.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingRollupsTest {

    private static final long HOLD = 15_000;

    private KeyValueStore<String, Long> store;
    private PendingRollups pending;
    private final Map<String, Long> rolledUp = new LinkedHashMap<>();

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        pending = new PendingRollups(store);
    }

    private Map<String, Long> drainSettled(long now) {
        rolledUp.clear();
        pending.drainSettled(rolledUp::put, now, HOLD);
        return Map.copyOf(rolledUp);
    }

    @Test
    void aKeyThatChangedSinceTheLastDrainIsHeldBackUntilADrainFindsItUnchanged() {
        pending.mark("CT-01|2026-10", 1_000);
        assertThat(drainSettled(10_000)).isEmpty();
        pending.mark("CT-01|2026-10", 900); // more of its observations, from a partition read later
        assertThat(drainSettled(13_000)).isEmpty();
        // nothing since: rolled up once, with the time its earliest change was sent
        assertThat(drainSettled(16_000)).containsExactly(Map.entry("CT-01|2026-10", 900L));
        assertThat(store.approximateNumEntries()).isZero();
        assertThat(drainSettled(19_000)).isEmpty();
    }

    @Test
    void aKeyThatKeepsChangingIsHeldBackNoLongerThanTheHold() {
        pending.mark("CT-01|2026-10", 1_000);
        assertThat(drainSettled(10_000)).isEmpty();
        pending.mark("CT-01|2026-10", 2_000);
        assertThat(drainSettled(24_999)).isEmpty();
        pending.mark("CT-01|2026-10", 3_000);
        assertThat(drainSettled(25_000)).containsExactly(Map.entry("CT-01|2026-10", 1_000L));
        // held anew from its next change on
        pending.mark("CT-01|2026-10", 4_000);
        assertThat(drainSettled(28_000)).isEmpty();
        assertThat(drainSettled(31_000)).containsExactly(Map.entry("CT-01|2026-10", 4_000L));
    }

    @Test
    void keysThatSettledAreRolledUpWhileOthersAreHeldBack() {
        pending.mark("CT-01|2026-09", 1_000);
        drainSettled(10_000);
        pending.mark("CT-01|2026-10", 2_000);
        assertThat(drainSettled(13_000)).containsOnlyKeys("CT-01|2026-09");
        assertThat(drainSettled(16_000)).containsOnlyKeys("CT-01|2026-10");
    }

    @Test
    void aFullDrainRollsUpEverythingOwedAndForgetsWhatWasHeldBack() {
        pending.mark("CT-01|2026-09", 1_000);
        pending.mark("CT-01|2026-10", 2_000);
        pending.drain(rolledUp::put);
        assertThat(rolledUp).containsOnlyKeys("CT-01|2026-09", "CT-01|2026-10");
        // marked after the full drain: changed since the last drain, so held back once
        pending.mark("CT-01|2026-10", 3_000);
        assertThat(drainSettled(20_000)).isEmpty();
        assertThat(drainSettled(23_000)).containsOnlyKeys("CT-01|2026-10");
    }

    @Test
    void aFullDrainForgetsWhenAKeyWasFirstHeldBack() {
        pending.mark("CT-01|2026-10", 1_000);
        assertThat(drainSettled(10_000)).isEmpty();
        pending.drain(rolledUp::put);
        // changing again 20 s after it was first held: held anew, not let through on the forgotten hold
        pending.mark("CT-01|2026-10", 2_000);
        assertThat(drainSettled(30_000)).isEmpty();
        pending.mark("CT-01|2026-10", 3_000);
        assertThat(drainSettled(44_999)).isEmpty();
        pending.mark("CT-01|2026-10", 4_000);
        // still changing, but held back since 30 s: let through
        assertThat(drainSettled(45_000)).containsOnlyKeys("CT-01|2026-10");
    }

    @Test
    void whatIsOwedAfterARestartCountsAsSettled() {
        pending.mark("CT-01|2026-10", 1_000);
        // a new processor over the same store: the task restarted, and what it held back in memory is gone
        PendingRollups restarted = new PendingRollups(store);
        restarted.drainSettled(rolledUp::put, 10_000, HOLD);
        assertThat(rolledUp).containsExactly(Map.entry("CT-01|2026-10", 1_000L));
    }

    @Test
    void noHoldRollsUpAtEveryDrain() {
        pending.mark("CT-01|2026-10", 1_000);
        pending.drainSettled(rolledUp::put, 10_000, 0);
        assertThat(rolledUp).containsOnlyKeys("CT-01|2026-10");
    }
}
