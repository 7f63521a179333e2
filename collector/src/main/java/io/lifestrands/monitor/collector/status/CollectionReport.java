package io.lifestrands.monitor.collector.status;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /collection-status} (snake_case on the wire).
 *
 * @param host        this collector's host id
 * @param startedAt   when probing started
 * @param generatedAt when this report was made
 * @param totals      counts over all targets since start
 * @param targets     one entry per configured target, in configuration order
 */
public record CollectionReport(String host, Instant startedAt, Instant generatedAt, Totals totals,
                               List<TargetReport> targets) {

    public CollectionReport {
        targets = List.copyOf(targets);
    }

    /**
     * @param targets          configured targets
     * @param targetsDown      targets whose last probe failed
     * @param probes           probes run since start
     * @param failures         probes that yielded {@code up=false}
     * @param probesPerSecond  probes per second over the last minute
     * @param samplesDelivered probe samples Kafka acknowledged
     * @param samplesBuffered  probe samples waiting for Kafka now
     * @param samplesDropped   probe samples dropped because the buffer was full
     */
    public record Totals(int targets, int targetsDown, long probes, long failures, double probesPerSecond,
                         long samplesDelivered, int samplesBuffered, long samplesDropped) {
    }

    /**
     * @param id                  service id of the target's samples
     * @param kind                probe kind ({@code http}, {@code postgres} ...)
     * @param where               URL or connection, password masked
     * @param intervalS           probe interval in seconds
     * @param timeoutS            probe timeout in seconds
     * @param up                  outcome of the last probe; null before the first
     * @param lastLatencyMs       latency of the last probe
     * @param lastSuccess         time of the last probe with {@code up=true}
     * @param lastFailure         time of the last probe with {@code up=false}
     * @param lastError           error of that failure
     * @param consecutiveFailures failed probes since the last success
     * @param probes              probes run since start
     * @param failures            failed probes since start
     */
    public record TargetReport(String id, String kind, String where, double intervalS, double timeoutS, Boolean up,
                               Double lastLatencyMs, Instant lastSuccess, Instant lastFailure, String lastError,
                               long consecutiveFailures, long probes, long failures) {
    }
}
