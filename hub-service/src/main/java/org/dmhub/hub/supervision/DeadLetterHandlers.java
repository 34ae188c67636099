package org.dmhub.hub.supervision;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.dmhub.contract.RegistryAvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' exception handlers for the hub: a failure that the record itself causes, and that would therefore
 * happen again each time the record is read, sends the record to the {@link DeadLetters} and processing goes on. A
 * failure of anything else (the broker, the registry) fails the task, to be retried.
 */
public final class DeadLetterHandlers {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    private static DeadLetters from(Map<String, ?> configs) {
        Object deadLetters = configs.get(DeadLetters.CONFIG);
        if (deadLetters == null) {
            log.warn("no {} in the Kafka Streams configuration: failed records are logged and skipped only", DeadLetters.CONFIG);
        }
        return (DeadLetters) deadLetters;
    }

    private static void deadLetter(DeadLetters deadLetters, ErrorHandlerContext context, String stage, Exception failure) {
        if (deadLetters == null) {
            log.error("{} failed on a record of {}-{}@{}; it is skipped", stage, context.topic(), context.partition(),
                    context.offset(), failure);
        } else {
            deadLetters.send(context, stage, failure);
        }
    }

    /** A processor or punctuator threw on a record. */
    public static final class Processing implements ProcessingExceptionHandler {
        private DeadLetters deadLetters;

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetters = from(configs);
        }

        @Override
        public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            deadLetter(deadLetters, context, "processing", exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
    }

    /** A record of one of the hub's own topics (repartition, changelog) could not be decoded. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private DeadLetters deadLetters;

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetters = from(configs);
        }

        @Override
        public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                Exception exception) {
            deadLetter(deadLetters, context, "decoding an internal record", exception);
            return DeserializationHandlerResponse.CONTINUE;
        }
    }

    /** A record could not be written: too large for the broker, or a value the contract's schema cannot hold. */
    public static final class Production implements ProductionExceptionHandler {
        private DeadLetters deadLetters;

        @Override
        public void configure(Map<String, ?> configs) {
            deadLetters = from(configs);
        }

        @Override
        public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                Exception exception) {
            if (exception instanceof RecordTooLargeException) {
                deadLetter(deadLetters, context, "writing to " + record.topic(), exception);
                return ProductionExceptionHandlerResponse.CONTINUE;
            }
            return ProductionExceptionHandlerResponse.FAIL;
        }

        @Override
        public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                Exception exception, SerializationExceptionOrigin origin) {
            // only a value the schema cannot hold is the record's fault; a registry that cannot be reached is not
            if (exception instanceof RegistryAvroSerializer.UnwritableRecordException) {
                deadLetter(deadLetters, context, "writing to " + record.topic(), exception);
                return ProductionExceptionHandlerResponse.CONTINUE;
            }
            return ProductionExceptionHandlerResponse.FAIL;
        }
    }
}
