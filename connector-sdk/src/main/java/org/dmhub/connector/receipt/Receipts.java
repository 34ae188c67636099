package org.dmhub.connector.receipt;

import java.util.List;
import java.util.Map;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ReceiptOutcome;

/**
 * The hub's receipts for a list of stored observations, as far as they arrived.
 *
 * @param stored the observations waited for, in the order they were published
 * @param received the receipt of each observation that got one
 * @param unreadable records on the receipts topic that were not receipts at all (skipped)
 */
public record Receipts(List<StoredObservation> stored, Map<StoredObservation, ObservationReceipt> received, long unreadable) {

    public Receipts {
        stored = List.copyOf(stored);
        received = Map.copyOf(received);
    }

    /** The receipt of one stored observation; null when none arrived. */
    public ObservationReceipt of(StoredObservation observation) {
        return received.get(observation);
    }

    /** True when every stored observation has its receipt. */
    public boolean complete() {
        return received.size() == stored.size();
    }

    /** The stored observations without a receipt, in publishing order. */
    public List<StoredObservation> missing() {
        return stored.stream().filter(observation -> !received.containsKey(observation)).toList();
    }

    public long count(ReceiptOutcome outcome) {
        return received.values().stream().filter(receipt -> receipt.getOutcome() == outcome).count();
    }

    /** True when every observation was received and applied or already known (accepted or duplicate). */
    public boolean allApplied() {
        return complete() && count(ReceiptOutcome.STALE) == 0 && count(ReceiptOutcome.REJECTED) == 0;
    }
}
