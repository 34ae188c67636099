package org.dmhub.hub.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.dmhub.contract.RecordKeys;
import org.dmhub.contract.RegistryAvroDeserializer;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.receipts.ReceiptTopics;
import org.dmhub.hub.receipts.Receipts;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.RecordSource;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.ObservationRules;
import org.dmhub.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each record of a department topic and checks it against the hub's limits and the framework. Forwards
 * either an {@link ObservationRejected} (keyed as received) with the department's receipt of it, or an
 * {@link AcceptedObservation} keyed {@code indicator|period}, the unit of consolidation. Every record is judged on
 * its own: whatever its bytes, it is accepted or refused with a reason, and the next one is read.
 */
public final class ValidateObservations implements ProcessorSupplier<byte[], byte[], String, SpecificRecord> {

    /** Observations that passed every check, keyed {@code indicator|period} for consolidation. */
    public static final StageOutput<AcceptedObservation> ACCEPTED = new StageOutput<>("accepted", AcceptedObservation.class);
    public static final List<StageOutput<?>> OUTPUTS = List.of(ACCEPTED, Refusals.OUTPUT, Receipts.OUTPUT);

    private static final Logger log = LoggerFactory.getLogger(ValidateObservations.class);

    private final Topics topics;
    private final Deserializer<IndicatorObservation> deserializer;
    private final Catalog catalog;
    private final HubMetrics metrics;
    private final RecordLimits limits;
    private final ReceiptTopics receiptTopics;

    public ValidateObservations(Topics topics, Deserializer<IndicatorObservation> deserializer, Catalog catalog,
            HubMetrics metrics, RecordLimits limits, ReceiptTopics receiptTopics) {
        this.topics = topics;
        this.deserializer = deserializer;
        this.catalog = catalog;
        this.metrics = metrics;
        this.limits = limits;
        this.receiptTopics = receiptTopics;
    }

    @Override
    public Processor<byte[], byte[], String, SpecificRecord> get() {
        return new Validator();
    }

    /** Judges the records of one task, one at a time. */
    private final class Validator implements Processor<byte[], byte[], String, SpecificRecord> {
        private final Refusals refusals = new Refusals(limits);
        private ProcessorContext<String, SpecificRecord> context;
        /** The department of each topic read, by topic name (parsed once per topic, not per record). */
        private final Map<String, Optional<String>> departments = new HashMap<>();
        /** Why the last record that could not be decoded could not, for its refusal. */
        private String undecodable;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata metadata = context.recordMetadata().orElseThrow();
            RecordSource source = new RecordSource(metadata.topic(), metadata.partition(), metadata.offset());
            String topicDepartment = departments.computeIfAbsent(source.topic(), topics::departmentOf).orElse(null);
            IndicatorObservation observation = null;
            try {
                List<Violation> tooLarge = limits.checkSize(record.key(), record.value());
                if (!tooLarge.isEmpty()) {
                    reject(record, source, topicDepartment, null, tooLarge);
                    return;
                }
                observation = decode(source, record.value());
                if (observation == null) {
                    reject(record, source, topicDepartment, null, List.of(new Violation(RejectionReason.UNDECODABLE, "value",
                            "not an IndicatorObservation in the Confluent wire format with a schema known to the registry ("
                                    + undecodable + ")")));
                    return;
                }
                List<Violation> violations = new ArrayList<>(limits.check(observation, System.currentTimeMillis()));
                if (violations.isEmpty()) {
                    violations.addAll(ObservationRules.check(observation, topicDepartment, catalog.snapshot()));
                }
                if (!violations.isEmpty()) {
                    reject(record, source, topicDepartment, observation, violations);
                    return;
                }
                metrics.accepted(observation.getDepartment());
                context.forward(record.withKey(observation.getIndicator() + RecordKeys.SEPARATOR + observation.getPeriod())
                        .withValue(accepted(observation, source)));
            } catch (RegistryAvroDeserializer.RegistryUnavailableException unavailable) {
                // not the record's fault: fail the task so that it is retried, never refuse good data
                throw unavailable;
            } catch (RuntimeException failure) {
                // a record must never stop the hub, not even one that trips over a fault of ours
                log.error("validation failed on {}-{}@{}; the record is refused as PROCESSING_FAILED", source.topic(),
                        source.partition(), source.offset(), failure);
                reject(record, source, topicDepartment, observation, List.of(new Violation(RejectionReason.PROCESSING_FAILED,
                        "value", "the hub failed on this record: " + failure)));
            }
        }

        private IndicatorObservation decode(RecordSource source, byte[] value) {
            try {
                IndicatorObservation decoded = deserializer.deserialize(source.topic(), value);
                undecodable = decoded == null ? "no value: a record without one is not an observation" : null;
                return decoded;
            } catch (RegistryAvroDeserializer.RegistryUnavailableException unavailable) {
                throw unavailable;
            } catch (RuntimeException refused) {
                undecodable = refused.getCause() == null || refused.getCause() == refused ? String.valueOf(refused.getMessage())
                        : refused.getMessage() + ": " + refused.getCause().getMessage();
                return null;
            }
        }

        private void reject(Record<byte[], byte[]> record, RecordSource source, String topicDepartment,
                IndicatorObservation observation, List<Violation> violations) {
            String key = record.key() == null ? null : refusals.boundedKey(new String(record.key(), StandardCharsets.UTF_8));
            ObservationRejected rejected = refusals.of(source, topicDepartment, observation, record.value(), violations);
            metrics.rejected(topicDepartment, rejected.getReasons());
            context.forward(record.withKey(key).withValue(rejected));
            if (topicDepartment != null && receiptTopics.ready(topicDepartment)) {
                boolean decodedKept = rejected.getObservation() != null;
                context.forward(record.withKey(key).withValue(Receipts.rejected(rejected,
                        decodedKept ? observation.getEventId() : null,
                        // as sent, not checked: the fields may be what made the observation refused
                        decodedKept ? String.join(RecordKeys.SEPARATOR, String.valueOf(observation.getIndicator()),
                                String.valueOf(observation.getArea()), String.valueOf(observation.getPeriod())) : null,
                        decodedKept ? observation.getRevision() : null)));
            }
        }
    }

    private static AcceptedObservation accepted(IndicatorObservation observation, RecordSource source) {
        AcceptedObservation accepted = new AcceptedObservation();
        accepted.setEventId(observation.getEventId());
        accepted.setIndicator(observation.getIndicator());
        accepted.setDepartment(observation.getDepartment());
        accepted.setArea(observation.getArea());
        accepted.setPeriod(observation.getPeriod());
        accepted.setValue(observation.getStatus() == ObservationStatus.RETRACTED ? null : observation.getValue());
        accepted.setUnit(observation.getUnit());
        accepted.setRevision(observation.getRevision());
        accepted.setRetracted(observation.getStatus() == ObservationStatus.RETRACTED);
        accepted.setObservedAt(observation.getObservedAt());
        accepted.setPublishedAt(observation.getPublishedAt());
        accepted.setSource(observation.getSource());
        accepted.setComment(observation.getComment());
        accepted.setSourceTopic(source.topic());
        accepted.setSourcePartition(source.partition());
        accepted.setSourceOffset(source.offset());
        return accepted;
    }

    /** The observation as its department sent it, rebuilt from an accepted one (for a refusal after consolidation). */
    public static IndicatorObservation original(AcceptedObservation accepted) {
        return IndicatorObservation.newBuilder()
                .setEventId(accepted.getEventId())
                .setIndicator(accepted.getIndicator())
                .setDepartment(accepted.getDepartment())
                .setArea(accepted.getArea())
                .setPeriod(accepted.getPeriod())
                .setValue(accepted.getValue())
                .setUnit(accepted.getUnit())
                .setRevision(accepted.getRevision())
                .setStatus(accepted.getRetracted() ? ObservationStatus.RETRACTED : ObservationStatus.REPORTED)
                .setObservedAt(accepted.getObservedAt())
                .setPublishedAt(accepted.getPublishedAt())
                .setSource(accepted.getSource())
                .setComment(accepted.getComment())
                .build();
    }
}
