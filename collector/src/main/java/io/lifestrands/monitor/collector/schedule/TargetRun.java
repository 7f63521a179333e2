package io.lifestrands.monitor.collector.schedule;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.collector.probe.Probe;
import io.lifestrands.monitor.collector.probe.ProbeErrors;
import io.lifestrands.monitor.schema.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One target's runs: each tick yields exactly one sample, even when the probe throws, hangs past its deadline or
 * the previous run is still busy, and the target's up/down changes are logged once per change. A probe that throws
 * could not perform its check: its sample says {@code monitoring_failed}, and {@link #retryDelay} tells the scheduler
 * to run it again {@link #RETRY_DELAY} later.
 */
final class TargetRun {

    /** How soon a check the monitor could not perform runs again, unless the target's schedule comes sooner. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(TargetRun.class);

    private final Target target;
    private final Probe probe;
    private final String host;
    private final Clock clock;
    private final Executor workers;
    private final Consumer<Sample> sink;
    private final Duration deadline;
    private final AtomicBoolean running = new AtomicBoolean();
    private Boolean lastUp;

    TargetRun(Target target, Probe probe, String host, Clock clock, Executor workers, Consumer<Sample> sink) {
        this.target = target;
        this.probe = probe;
        this.host = host;
        this.clock = clock;
        this.workers = workers;
        this.sink = sink;
        // a model probe makes two rounds of calls, each bounded by the timeout; the margin covers the rest
        this.deadline = target.timeout().multipliedBy(2).plusSeconds(1);
    }

    Target target() {
        return target;
    }

    /** Starts one probe on the workers and returns at once; the sample reaches the sink when it is known. */
    CompletableFuture<Sample> tick() {
        Instant now = clock.instant();
        long start = System.nanoTime();
        if (!running.compareAndSet(false, true)) {
            Sample busy = failed(now, start,
                    ProbeErrors.timeout("previous probe still running after " + deadline.toMillis() + " ms"));
            record(busy);
            return CompletableFuture.completedFuture(busy);
        }
        CompletableFuture<Sample> result = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                Sample sample;
                try {
                    sample = probe.probe(now);
                } catch (RuntimeException | Error e) {
                    sample = notPerformed(now, start, "probe failed: " + ProbeErrors.describe(e));
                } finally {
                    // before completing: whoever waits on the result may tick again at once
                    running.set(false);
                }
                result.complete(sample);
            });
        } catch (RuntimeException e) {
            running.set(false);
            result.complete(notPerformed(now, start, "probe not started: " + ProbeErrors.describe(e)));
        }
        result.completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS);
        return result.thenApply(sample -> sample != null ? sample
                        : failed(now, start, ProbeErrors.timeout("no result within " + deadline.toMillis() + " ms")))
                .whenComplete((sample, e) -> record(sample));
    }

    /**
     * When to run the target again after {@code sample} besides its schedule: {@link #RETRY_DELAY} after a check the
     * monitor could not perform ({@link Sample#failedToMonitor()}), as the seed retries a failed monitoring 30 s
     * later; empty for any other sample, or when the next scheduled run comes within that delay anyway.
     *
     * @param untilScheduled time left until the target's next scheduled run
     */
    static Optional<Duration> retryDelay(Sample sample, Duration untilScheduled) {
        return sample.failedToMonitor() && untilScheduled.compareTo(RETRY_DELAY) > 0 ? Optional.of(RETRY_DELAY)
                : Optional.empty();
    }

    private Sample failed(Instant now, long start, String error) {
        return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), error, target.labels());
    }

    private Sample notPerformed(Instant now, long start, String error) {
        return Probe.notPerformed(host, target.id(), now, Probe.elapsedMs(start), error, target.labels());
    }

    private void record(Sample sample) {
        logChange(sample);
        sink.accept(sample);
    }

    private synchronized void logChange(Sample sample) {
        Boolean previous = lastUp;
        lastUp = sample.up();
        if (previous == null && sample.up()) {
            log.info("{} is up ({} ms)", target.id(), sample.latencyMs());
        } else if (!Boolean.FALSE.equals(previous) && sample.failedToMonitor()) {
            log.warn("Failed to monitor {}: {}", target.id(), sample.error());
        } else if (previous == null && !sample.up()) {
            log.warn("{} is down: {}", target.id(), sample.error());
        } else if (Boolean.TRUE.equals(previous) && !sample.up()) {
            log.warn("{} went down: {}", target.id(), sample.error());
        } else if (Boolean.FALSE.equals(previous) && sample.up()) {
            log.info("{} is up again ({} ms)", target.id(), sample.latencyMs());
        }
    }
}
