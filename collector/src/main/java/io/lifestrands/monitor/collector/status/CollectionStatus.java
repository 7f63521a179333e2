package io.lifestrands.monitor.collector.status;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.collector.publish.SampleBuffer;
import io.lifestrands.monitor.schema.Sample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The collector's account of its own work: per target the last success and failure, consecutive failures and
 * counts, for {@code GET /collection-status}, and the same as Micrometer meters ({@code collector.probes} by target
 * and outcome, {@code collector.target.last.success}, {@code collector.target.consecutive.failures}).
 */
@Component
public class CollectionStatus {

    private static final int RATE_WINDOW_S = 60;

    private final String host;
    private final Clock clock;
    private final SampleBuffer buffer;
    private final Instant startedAt;
    private final Map<String, TargetState> targets = new LinkedHashMap<>();
    private final Map<String, Counter[]> probeCounters = new LinkedHashMap<>();
    private final long[] perSecond = new long[RATE_WINDOW_S];
    private final long[] second = new long[RATE_WINDOW_S];

    public CollectionStatus(CollectorSettings settings, SampleBuffer buffer, MeterRegistry meters, Clock clock) {
        this.host = settings.hostId();
        this.clock = clock;
        this.buffer = buffer;
        this.startedAt = clock.instant();
        for (Target target : settings.targets()) {
            TargetState state = new TargetState(target);
            targets.put(target.id(), state);
            Tags tags = Tags.of("target", target.id(), "kind", target.kind().name().toLowerCase(Locale.ROOT));
            probeCounters.put(target.id(), new Counter[] {
                    Counter.builder("collector.probes").tags(tags).tag("outcome", "up").register(meters),
                    Counter.builder("collector.probes").tags(tags).tag("outcome", "down").register(meters)});
            Gauge.builder("collector.target.last.success", state, TargetState::lastSuccessEpochSeconds)
                    .description("epoch seconds of the target's last successful probe").tags(tags).register(meters);
            Gauge.builder("collector.target.consecutive.failures", state, TargetState::consecutiveFailures)
                    .tags(tags).register(meters);
        }
    }

    /** Counts one probe sample of a configured target; samples of unknown services are ignored. */
    public void record(Sample sample) {
        TargetState state = targets.get(sample.service());
        if (state == null) {
            return;
        }
        state.record(sample);
        probeCounters.get(sample.service())[sample.up() ? 0 : 1].increment();
        countForRate(clock.millis() / 1000);
    }

    private synchronized void countForRate(long nowSecond) {
        int slot = (int) (nowSecond % RATE_WINDOW_S);
        if (second[slot] != nowSecond) {
            second[slot] = nowSecond;
            perSecond[slot] = 0;
        }
        perSecond[slot]++;
    }

    private synchronized double probesPerSecond(long nowSecond) {
        long count = 0;
        for (int i = 0; i < RATE_WINDOW_S; i++) {
            if (nowSecond - second[i] < RATE_WINDOW_S) {
                count += perSecond[i];
            }
        }
        long window = Math.max(1, Math.min(RATE_WINDOW_S, nowSecond - startedAt.getEpochSecond()));
        return Math.round(count * 1000.0 / window) / 1000.0;
    }

    /** A snapshot of every target and the totals. */
    public CollectionReport report() {
        Instant now = clock.instant();
        var reports = targets.values().stream().map(TargetState::report).toList();
        long probes = reports.stream().mapToLong(CollectionReport.TargetReport::probes).sum();
        long failures = reports.stream().mapToLong(CollectionReport.TargetReport::failures).sum();
        int down = (int) reports.stream().filter(r -> Boolean.FALSE.equals(r.up())).count();
        CollectionReport.Totals totals = new CollectionReport.Totals(reports.size(), down, probes, failures,
                probesPerSecond(now.getEpochSecond()), buffer.delivered(), buffer.size(), buffer.dropped());
        return new CollectionReport(host, startedAt, now, totals, reports);
    }
}
