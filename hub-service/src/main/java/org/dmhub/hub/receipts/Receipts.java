package org.dmhub.hub.receipts;

import java.time.Instant;
import java.util.List;
import org.dmhub.hub.support.RecordSource;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ReceiptOutcome;

/**
 * Builds the receipts the hub sends each department on {@code dmhub.receipts.<DEPARTMENT>}: one per observation
 * read, saying whether it entered the view and, when it did not, why.
 */
public final class Receipts {

    /** Receipts, keyed as the observation they are about; each goes to its department's receipts topic. */
    public static final StageOutput<ObservationReceipt> OUTPUT = new StageOutput<>("receipts", ObservationReceipt.class);

    private Receipts() {
    }

    /** The receipt of a refused observation, from its refusal. */
    public static ObservationReceipt rejected(ObservationRejected refusal, String eventId, String key, Long revision) {
        return ObservationReceipt.newBuilder()
                .setEventId(eventId)
                .setKey(key)
                .setOutcome(ReceiptOutcome.REJECTED)
                .setRevision(revision)
                .setReasons(refusal.getReasons())
                .setDetails(refusal.getDetails())
                .setSourceTopic(refusal.getSourceTopic())
                .setSourcePartition(refusal.getSourcePartition())
                .setSourceOffset(refusal.getSourceOffset())
                .setDecidedAt(refusal.getRejectedAt())
                .build();
    }

    /** The receipt of an observation consolidation accepted, or found a duplicate or stale. */
    public static ObservationReceipt decided(ReceiptOutcome outcome, RecordSource source, String eventId, String key,
            long revision, long winningRevision, String detail) {
        return ObservationReceipt.newBuilder()
                .setEventId(eventId)
                .setKey(key)
                .setOutcome(outcome)
                .setRevision(revision)
                .setWinningRevision(winningRevision)
                .setDetails(detail == null ? List.of() : List.of(detail))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setDecidedAt(Instant.now())
                .build();
    }
}
