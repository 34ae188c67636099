package org.dmhub.connector.receipt;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Follows the department's receipts topic from the moment it was opened. Open it <em>before</em> publishing the
 * observations whose receipts it should wait for: a receipt written before it was opened is not seen.
 */
public interface ReceiptWatch extends AutoCloseable {

    /** The receipts topic followed, e.g. {@code dmhub.receipts.STC}. */
    String topic();

    /**
     * Waits until every stored observation has its receipt, or {@code timeout} has passed.
     *
     * @param received told now and then, on the calling thread, how many receipts arrived so far
     */
    Receipts await(List<StoredObservation> stored, Duration timeout, IntConsumer received);

    @Override
    void close();
}
