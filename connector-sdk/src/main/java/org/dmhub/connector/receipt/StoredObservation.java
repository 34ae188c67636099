package org.dmhub.connector.receipt;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.dmhub.schemas.IndicatorObservation;

/**
 * An observation the broker has stored, and where: the hub's receipt names the same topic, partition and offset, so a
 * receipt is matched to this very send even when the same eventId was sent before (a file sent twice).
 */
public record StoredObservation(String eventId, String topic, int partition, long offset) {

    public static StoredObservation of(IndicatorObservation observation, RecordMetadata stored) {
        return new StoredObservation(observation.getEventId(), stored.topic(), stored.partition(), stored.offset());
    }

    /** Observations and where the broker stored each, as {@code DmConnector.publishAll} answers: same order, same size. */
    public static List<StoredObservation> all(List<IndicatorObservation> observations, List<RecordMetadata> stored) {
        if (observations.size() != stored.size()) {
            throw new IllegalArgumentException(observations.size() + " observations but " + stored.size() + " stored records");
        }
        List<StoredObservation> all = new ArrayList<>(observations.size());
        for (int i = 0; i < observations.size(); i++) {
            all.add(of(observations.get(i), stored.get(i)));
        }
        return all;
    }
}
