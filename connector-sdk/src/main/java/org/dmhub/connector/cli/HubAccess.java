package org.dmhub.connector.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.dmhub.connector.DmConnector;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.connector.receipt.ReceiptWatch;
import org.dmhub.connector.receipt.StoredObservation;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.schemas.IndicatorObservation;

/** What the commands need of the hub's broker and registry; tests replace it to run without Kafka. */
public interface HubAccess {

    CatalogSnapshot loadCatalog(ConnectionSettings settings);

    /**
     * Sends every observation to the department's topic and returns once all are stored.
     *
     * @param stored told now and then, on the calling thread, how many observations the broker has stored so far
     *     (a running count, last the total); for showing progress
     * @return where the broker stored each observation, in the order given
     */
    List<StoredObservation> publish(ConnectionSettings settings, List<IndicatorObservation> observations, LongConsumer stored);

    /**
     * Starts following the department's receipts topic from its current end; opened before publishing.
     *
     * @throws org.dmhub.connector.receipt.NoReceiptsTopicException when the broker has no receipts topic for the department
     */
    ReceiptWatch watchReceipts(ConnectionSettings settings);

    /** A connector of the settings' department with the settings' spool, for long-running commands. */
    DmConnector openConnector(ConnectionSettings settings);

    /** Every record of a topic from its beginning, until none arrives for {@code quietFor}. */
    void read(ConnectionSettings settings, TopicDefinition<?> topic, Duration quietFor, Consumer<Object> printer);
}
