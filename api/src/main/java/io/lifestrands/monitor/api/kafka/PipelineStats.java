package io.lifestrands.monitor.api.kafka;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the consumers report about the pipeline: when data last arrived, skipped records, retrying loops. */
@Component
public class PipelineStats {

    private final Clock clock;
    private final AtomicLong poisonRecords = new AtomicLong();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile Instant lastMetricAt;
    private volatile Instant lastStatusAt;

    public PipelineStats(Clock clock) {
        this.clock = clock;
    }

    public void metricReceived() {
        lastMetricAt = clock.instant();
    }

    public void statusReceived() {
        lastStatusAt = clock.instant();
    }

    void poisonRecord() {
        poisonRecords.incrementAndGet();
    }

    void batchFailed(String consumer, int consecutive) {
        failures.put(consumer, consecutive);
    }

    void batchSucceeded(String consumer) {
        failures.remove(consumer);
    }

    /** Wall-clock time the live consumer last received a metric window; null before the first. */
    public Instant lastMetricAt() {
        return lastMetricAt;
    }

    /** Wall-clock time the live consumer last received a status change; null before the first. */
    public Instant lastStatusAt() {
        return lastStatusAt;
    }

    /** Records skipped because they could not be decoded, since start. */
    public long poisonRecords() {
        return poisonRecords.get();
    }

    /** Consumers whose last batch failed, with their consecutive failure count. */
    public Map<String, Integer> retryingConsumers() {
        return Map.copyOf(failures);
    }
}
