package org.dmhub.hub.validation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.dmhub.contract.RegistryAvroDeserializer;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.monitoring.HubMetrics;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.ObservationStatus;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.ObservationRules;
import org.dmhub.validation.Violation;

/**
 * Decodes each record of a department topic and checks it against the framework. Forwards either an
 * {@link ObservationRejected} (keyed as received) or an {@link AcceptedObservation} keyed {@code indicator|period},
 * the unit of consolidation. A record that cannot be decoded is refused like any other: it never stops the hub.
 */
public final class ValidateObservations implements ProcessorSupplier<byte[], byte[], String, SpecificRecord> {

    private final Topics topics;
    private final Deserializer<IndicatorObservation> deserializer;
    private final Catalog catalog;
    private final HubMetrics metrics;

    public ValidateObservations(Topics topics, Deserializer<IndicatorObservation> deserializer, Catalog catalog,
            HubMetrics metrics) {
        this.topics = topics;
        this.deserializer = deserializer;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    @Override
    public Processor<byte[], byte[], String, SpecificRecord> get() {
        return new Processor<>() {
            private ProcessorContext<String, SpecificRecord> context;
            /** The department of each topic read, by topic name (parsed once per topic, not per record). */
            private final Map<String, Optional<String>> departments = new HashMap<>();

            @Override
            public void init(ProcessorContext<String, SpecificRecord> context) {
                this.context = context;
            }

            @Override
            public void process(Record<byte[], byte[]> record) {
                RecordMetadata source = context.recordMetadata().orElseThrow();
                String topicDepartment = departments.computeIfAbsent(source.topic(), topics::departmentOf).orElse(null);
                IndicatorObservation observation;
                try {
                    observation = deserializer.deserialize(source.topic(), record.value());
                } catch (RegistryAvroDeserializer.RegistryUnavailableException unavailable) {
                    // not the record's fault: fail the task so that it is retried, never refuse good data
                    throw unavailable;
                } catch (RuntimeException undecodable) {
                    observation = null;
                }
                if (observation == null) {
                    reject(record, source, topicDepartment, null, record.value(), List.of(new Violation(
                            RejectionReason.UNDECODABLE, "value",
                            "not an IndicatorObservation in the Confluent wire format with a schema known to the registry")));
                    return;
                }
                List<Violation> violations = ObservationRules.check(observation, topicDepartment, catalog);
                if (!violations.isEmpty()) {
                    reject(record, source, topicDepartment, observation, null, violations);
                    return;
                }
                metrics.accepted(observation.getDepartment());
                context.forward(record.withKey(observation.getIndicator() + "|" + observation.getPeriod())
                        .withValue(accepted(observation, source)));
            }

            private void reject(Record<byte[], byte[]> record, RecordMetadata source, String topicDepartment,
                    IndicatorObservation observation, byte[] raw, List<Violation> violations) {
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                ObservationRejected rejected = Rejections.of(source.topic(), source.partition(), source.offset(),
                        topicDepartment, observation, raw, violations);
                metrics.rejected(topicDepartment, rejected.getReasons());
                context.forward(record.withKey(key).withValue(rejected));
            }
        };
    }

    private static AcceptedObservation accepted(IndicatorObservation observation, RecordMetadata source) {
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

    /** Builds refusals for the rejected topic. */
    public static final class Rejections {
        private Rejections() {
        }

        public static ObservationRejected of(String topic, int partition, long offset, String department,
                IndicatorObservation observation, byte[] raw, List<Violation> violations) {
            return ObservationRejected.newBuilder()
                    .setReasons(violations.stream().map(Violation::reason).distinct().toList())
                    .setDetails(violations.stream().map(Violation::toString).toList())
                    .setSourceTopic(topic)
                    .setSourcePartition(partition)
                    .setSourceOffset(offset)
                    .setDepartment(department)
                    .setObservation(observation)
                    .setRawPayload(raw == null ? null : ByteBuffer.wrap(raw))
                    .setRejectedAt(Instant.now())
                    .build();
        }
    }
}
