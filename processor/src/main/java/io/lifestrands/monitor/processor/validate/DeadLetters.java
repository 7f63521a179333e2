package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.schema.Sample;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a record's original key and value bytes to {@code monitor.dlq.v1} with the DLQ headers, and counts it, in
 * total ({@link ProcessorMetrics#DEAD_LETTERED}) and by service and reason
 * ({@link ProcessorMetrics#DEAD_LETTERED_BY_SERVICE}). The service is the record's key when that is a service id
 * (it is for every valid sample), else {@value #UNKNOWN_SERVICE}; past {@value #MAX_SERVICES} services one instance
 * counts the others as {@value #OTHER_SERVICES}, so random keys cannot grow the metrics without bound. One per
 * processor instance; {@link #close()} it with the processor.
 */
public final class DeadLetters implements AutoCloseable {

    /** Reason of a record that is no valid sample (its {@code dlq.reason} names what is wrong). */
    public static final String INVALID = "invalid";
    /** Reason of a sample whose window had closed; also its {@code dlq.reason}. */
    public static final String LATE = Topics.DLQ_LATE;
    /** Reason of a sample with implausible values (they are in {@code dlq.detail}); also its {@code dlq.reason}. */
    public static final String IMPLAUSIBLE = Topics.DLQ_IMPLAUSIBLE;
    /** Reason of a record whose processing threw (its {@code dlq.reason} is the exception's message). */
    public static final String FAILED = "failed";
    static final String UNKNOWN_SERVICE = "unknown";
    static final String OTHER_SERVICES = "other";
    static final int MAX_SERVICES = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_REASON = 1000;

    private final ProcessorContext<Object, Object> context;
    private final String sink;
    private final String node;
    private final Sensor counter;
    private final Map<String, Map<String, Sensor>> byService = new HashMap<>();

    /**
     * @param sink the name of the DLQ sink node, a child of the calling processor
     * @param node the calling processor's name, for the counter's tags
     */
    public DeadLetters(ProcessorContext<Object, Object> context, String sink, String node) {
        this.context = context;
        this.sink = sink;
        this.node = node;
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
     * Runs the processing of one record; an exception that belongs to the record dead-letters {@code source}
     * ({@value #FAILED}), one that belongs to Kafka is rethrown.
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

    /** Dead-letters a record whose processing threw ({@value #FAILED}), with the exception's message as reason. */
    public void send(Record<byte[], byte[]> source, Throwable error) {
        sendError(source, FAILED, error);
    }

    /** Dead-letters a record that is no valid sample ({@value #INVALID}), with the exception's message as reason. */
    public void sendInvalid(Record<byte[], byte[]> source, Throwable error) {
        sendError(source, INVALID, error);
    }

    /**
     * Dead-letters the record currently being processed; {@code context.recordMetadata()} names its origin.
     *
     * @param reason the {@code dlq.reason} and the counted reason, e.g. {@value #LATE}
     */
    public void send(Record<byte[], byte[]> source, String errorClass, String reason) {
        forward(source, errorClass, reason, null, reason);
    }

    /** Like {@link #send(Record, String, String)}, with a {@code dlq.detail} that says exactly what was wrong. */
    public void send(Record<byte[], byte[]> source, String errorClass, String reason, String detail) {
        forward(source, errorClass, reason, detail, reason);
    }

    @Override
    public void close() {
        ProcessorMetrics.remove(context, counter);
        byService.values().forEach(sensors -> sensors.values().forEach(s -> ProcessorMetrics.remove(context, s)));
        byService.clear();
    }

    private void sendError(Record<byte[], byte[]> source, String category, Throwable error) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        forward(source, error.getClass().getName(), reason, null, category);
    }

    private void forward(Record<byte[], byte[]> source, String errorClass, String reason, String detail,
                         String category) {
        Optional<RecordMetadata> origin = context.recordMetadata();
        String clipped = clip(reason);
        Headers headers = new RecordHeaders(source.headers().toArray());
        header(headers, Topics.DLQ_SOURCE_TOPIC, origin.map(RecordMetadata::topic).orElse(""));
        header(headers, Topics.DLQ_SOURCE_PARTITION, origin.map(m -> Integer.toString(m.partition())).orElse("-1"));
        header(headers, Topics.DLQ_SOURCE_OFFSET, origin.map(m -> Long.toString(m.offset())).orElse("-1"));
        header(headers, Topics.DLQ_ERROR_CLASS, errorClass);
        header(headers, Topics.DLQ_REASON, clipped);
        if (detail != null) {
            header(headers, Topics.DLQ_DETAIL, clip(detail));
        }
        context.forward(new Record<>(source.key(), source.value(), source.timestamp(), headers), sink);
        counter.record();
        counterOf(service(source.key()), category).record();
        log.debug("Dead-lettered record from {}: {}", origin.orElse(null), clipped);
    }

    private Sensor counterOf(String service, String category) {
        String tagged = byService.containsKey(service) || byService.size() < MAX_SERVICES ? service : OTHER_SERVICES;
        return byService.computeIfAbsent(tagged, s -> new HashMap<>()).computeIfAbsent(category,
                c -> ProcessorMetrics.deadLetterCounter(context, node, tagged, c));
    }

    private static String service(byte[] key) {
        String text = key == null ? null : new String(key, StandardCharsets.UTF_8);
        return Sample.isId(text) ? text : UNKNOWN_SERVICE;
    }

    private static String clip(String text) {
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
