package io.lifestrands.monitor.collector.status;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;

import java.time.Instant;
import java.util.Locale;

/** What the collector knows about one target's probes; mutable, guarded by its own lock. */
final class TargetState {

    private final Target target;
    private long probes;
    private long failures;
    private long consecutiveFailures;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastError;
    private Boolean up;
    private Double lastLatencyMs;

    TargetState(Target target) {
        this.target = target;
    }

    synchronized void record(Sample sample) {
        probes++;
        up = sample.up();
        lastLatencyMs = sample.latencyMs();
        if (sample.up()) {
            lastSuccess = sample.ts();
            consecutiveFailures = 0;
        } else {
            failures++;
            consecutiveFailures++;
            lastFailure = sample.ts();
            lastError = sample.error();
        }
    }

    synchronized double lastSuccessEpochSeconds() {
        return lastSuccess == null ? Double.NaN : lastSuccess.toEpochMilli() / 1000.0;
    }

    synchronized double consecutiveFailures() {
        return consecutiveFailures;
    }

    synchronized CollectionReport.TargetReport report() {
        return new CollectionReport.TargetReport(target.id(), target.kind().name().toLowerCase(Locale.ROOT),
                target.where(), target.interval().toMillis() / 1000.0, target.timeout().toMillis() / 1000.0, up,
                lastLatencyMs, lastSuccess, lastFailure, lastError, consecutiveFailures, probes, failures);
    }
}
