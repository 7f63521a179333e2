package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.schema.Sample;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decodes raw samples, dead-letters the ones that are not valid {@code Sample}s, and forwards the rest, timestamped
 * with their clamped event time, to each of the given children.
 *
 * <p>The event time is the sample's {@code ts} clamped to {@code [now - 1 h, now + 5 s]} by wall clock, so one host
 * with a wrong clock cannot push windows forward or hold them open for everyone else. A {@code ts} more than
 * {@link #REJECT_FUTURE} ahead is not a skewed clock but a broken record: it is dead-lettered. (A {@code ts} far in
 * the past is clamped to {@code now - 1 h}, whose window has closed, so it is dead-lettered as {@code late}.)
 * Records above {@link #MAX_RECORD_BYTES} are dead-lettered before parsing.
 *
 * <p>A valid sample with implausible metric values ({@link Plausibility}) is dead-lettered as
 * {@value DeadLetters#IMPLAUSIBLE}, the values named in {@code dlq.detail}, and forwarded without them: its other
 * values still count.
 */
public final class SampleValidator implements Processor<byte[], byte[], Object, Object> {

    public static final Duration MAX_PAST = Duration.ofHours(1);
    public static final Duration MAX_FUTURE = Duration.ofSeconds(5);
    /** A {@code ts} further ahead than this is dead-lettered instead of clamped. */
    public static final Duration REJECT_FUTURE = Duration.ofHours(1);
    /** Largest sample accepted, in bytes: 256 metrics and labels fit many times over. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;

    private final String name;
    private final List<String> children;
    private final String deadLetterSink;
    private final Plausibility plausibility;
    private ProcessorContext<Object, Object> context;
    private DeadLetters deadLetters;

    /**
     * @param name           this processor's node name
     * @param children       the nodes that get every valid sample
     * @param deadLetterSink the DLQ sink node
     * @param plausibility   which metric values are believed
     */
    public SampleValidator(String name, List<String> children, String deadLetterSink,
                           PlausibilitySettings plausibility) {
        this.name = name;
        this.children = List.copyOf(children);
        this.deadLetterSink = deadLetterSink;
        this.plausibility = new Plausibility(plausibility);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Sample sample;
        long eventTime;
        try {
            requireSize(record.value());
            sample = SampleDecoder.decode(record.value());
            requireServiceKey(record.key(), sample.service());
            requireNotFarAhead(sample.ts(), context.currentSystemTimeMs());
            eventTime = clamp(sample.ts(), context.currentSystemTimeMs());
        } catch (RuntimeException e) {
            if (!DeadLetters.isRecordFault(e)) {
                throw e;
            }
            deadLetters.sendInvalid(record, e);
            return;
        }
        Plausibility.Verdict verdict = plausibility.check(sample.metrics());
        if (verdict.implausible()) {
            deadLetters.send(record, ImplausibleValues.class.getName(), DeadLetters.IMPLAUSIBLE, verdict.detail());
            sample = sample.with(verdict.plausible(), sample.labels());
        }
        Record<String, ValidSample> valid = new Record<>(sample.service(), new ValidSample(sample, record),
                eventTime, record.headers());
        for (String child : children) {
            context.forward(valid, child);
        }
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    /**
     * The key must be the service id: windows and status are kept per partition, so a sample keyed otherwise
     * could land beside another instance's copy of the same window and be emitted twice.
     */
    static void requireServiceKey(byte[] key, String service) {
        String text = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (!service.equals(text)) {
            throw new IllegalArgumentException("record key must be the service id '" + service + "', was "
                    + (text == null ? "null" : "'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text)
                    + "'"));
        }
    }

    static void requireSize(byte[] value) {
        if (value != null && value.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record must be at most " + MAX_RECORD_BYTES + " bytes, was "
                    + value.length);
        }
    }

    static void requireNotFarAhead(Instant ts, long nowMs) {
        Instant limit = Instant.ofEpochMilli(nowMs).plus(REJECT_FUTURE);
        if (ts.isAfter(limit)) {
            throw new IllegalArgumentException("ts must be at most " + REJECT_FUTURE.toHours()
                    + "h ahead of the processor clock " + Instant.ofEpochMilli(nowMs) + ", was " + ts);
        }
    }

    /** Names the cause in the DLQ's error-class header; never thrown. */
    static final class ImplausibleValues {
        private ImplausibleValues() {
        }
    }

    /** Event time in epoch millis: {@code ts} clamped to {@code [now - MAX_PAST, now + MAX_FUTURE]}. */
    static long clamp(Instant ts, long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        Instant earliest = now.minus(MAX_PAST);
        Instant latest = now.plus(MAX_FUTURE);
        if (ts.isBefore(earliest)) {
            return earliest.toEpochMilli();
        }
        if (ts.isAfter(latest)) {
            return latest.toEpochMilli();
        }
        return ts.toEpochMilli();
    }
}
