package org.dmhub.hub.supervision;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.hub.support.RecordSource;
import org.dmhub.hub.validation.RecordLimits;
import org.dmhub.hub.validation.Refusals;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a record goes that failed after it was read, anywhere the stages themselves did not catch it (an internal
 * record that cannot be decoded, a value that cannot be written): the rejected topic, as PROCESSING_FAILED with the
 * error and the first bytes of the record the failing task was reading. Processing then goes on. Written by a
 * producer of its own, outside the stream's transactions: a dead letter may appear twice if its task is retried.
 */
public final class DeadLetters implements AutoCloseable {

    /** The key under which the Kafka Streams configuration carries this object to the exception handlers. */
    public static final String CONFIG = "dmhub.dead-letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Topics topics;
    private final Refusals refusals;
    private final KafkaProducer<String, ObservationRejected> producer;
    private final StreamsFailures failures;

    /** @param clientConfig the hub's Kafka producer settings: brokers, security protocol, TLS, login */
    public DeadLetters(Topics topics, RegistrySerdes serdes, RecordLimits limits, Map<String, Object> clientConfig,
            StreamsFailures failures) {
        this.topics = topics;
        this.refusals = new Refusals(limits);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putAll(serdes.producerConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config);
        this.failures = failures;
    }

    /** Records the failure of what {@code context} was processing, and sends it to the rejected topic. */
    public void send(ErrorHandlerContext context, String stage, Exception failure) {
        failures.deadLettered();
        log.error("{} failed on a record of {}-{}@{} (processor {}); it goes to the rejected topic as PROCESSING_FAILED",
                stage, context.topic(), context.partition(), context.offset(), context.processorNodeId(), failure);
        try {
            String department = context.topic() == null ? null : topics.departmentOf(context.topic()).orElse(null);
            ObservationRejected refusal = refusals.of(new RecordSource(String.valueOf(context.topic()), context.partition(),
                    context.offset()), department, null, context.sourceRawValue(), List.of(new Violation(
                    RejectionReason.PROCESSING_FAILED, "value", stage + " failed in " + context.processorNodeId() + ": "
                            + StreamsFailures.describe(failure))));
            byte[] key = context.sourceRawKey();
            producer.send(new ProducerRecord<>(topics.rejected().name(),
                    key == null ? null : refusals.boundedKey(new String(key, StandardCharsets.UTF_8)), refusal), (sent, error) -> {
                        if (error != null) {
                            log.error("could not write the dead letter of {}-{}@{}", context.topic(), context.partition(),
                                    context.offset(), error);
                        }
                    });
        } catch (RuntimeException unsent) {
            log.error("could not write the dead letter of {}-{}@{}", context.topic(), context.partition(), context.offset(), unsent);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
