package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sends a record's original key and value bytes to {@code monitor.dlq.v1} with the DLQ headers, and counts it.
 * One per processor instance; {@link #close()} it with the processor.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_REASON = 1000;

    private final ProcessorContext<Object, Object> context;
    private final String sink;
    private final Sensor counter;

    /**
     * @param sink the name of the DLQ sink node, a child of the calling processor
     * @param node the calling processor's name, for the counter's tags
     */
    public DeadLetters(ProcessorContext<Object, Object> context, String sink, String node) {
        this.context = context;
        this.sink = sink;
        this.counter = ProcessorMetrics.counter(context, node, ProcessorMetrics.DEAD_LETTERED);
    }

    /**
     * Whether an exception caught at a record boundary belongs to the record (dead-letter it) rather than to Kafka
     * (a fenced producer, a migrated task, a broken store), which must reach Streams to be handled there.
     */
    public static boolean isRecordFault(RuntimeException e) {
        return !(e instanceof KafkaException);
    }

    /**
     * Runs the processing of one record; an exception that belongs to the record dead-letters {@code source}, one
     * that belongs to Kafka is rethrown.
     */
    public void guard(Record<byte[], byte[]> source, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!isRecordFault(e)) {
                throw e;
            }
            send(source, e);
        }
    }

    public void send(Record<byte[], byte[]> source, Throwable error) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        send(source, error.getClass().getName(), reason);
    }

    /** Dead-letters the record currently being processed; {@code context.recordMetadata()} names its origin. */
    public void send(Record<byte[], byte[]> source, String errorClass, String reason) {
        Optional<RecordMetadata> origin = context.recordMetadata();
        String clipped = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
        Headers headers = new RecordHeaders(source.headers().toArray());
        header(headers, Topics.DLQ_SOURCE_TOPIC, origin.map(RecordMetadata::topic).orElse(""));
        header(headers, Topics.DLQ_SOURCE_PARTITION, origin.map(m -> Integer.toString(m.partition())).orElse("-1"));
        header(headers, Topics.DLQ_SOURCE_OFFSET, origin.map(m -> Long.toString(m.offset())).orElse("-1"));
        header(headers, Topics.DLQ_ERROR_CLASS, errorClass);
        header(headers, Topics.DLQ_REASON, clipped);
        context.forward(new Record<>(source.key(), source.value(), source.timestamp(), headers), sink);
        counter.record();
        log.debug("Dead-lettered record from {}: {}", origin.orElse(null), clipped);
    }

    @Override
    public void close() {
        ProcessorMetrics.remove(context, counter);
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
