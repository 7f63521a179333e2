package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.schema.Names;

import io.lifestrands.monitor.api.history.RangeSummaries;
import io.lifestrands.monitor.api.history.Summary;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's "Performance Analytics" over a range: latency percentiles per service merged from the stored windows'
 * sketches (the live state's latest windows when PostgreSQL is unavailable), throughput and resource utilisation.
 */
@Component
class PerformanceAnalytics {

    /** Traffic only: requests the services served; the collectors' probes are no requests. */
    static final String LATENCY = Names.LATENCY_MS;
    private static final Logger log = LoggerFactory.getLogger(PerformanceAnalytics.class);

    private final RangeSummaries summaries;
    private final MetricsView metrics;
    private final BusinessAnalytics business;
    private final Clock clock;

    PerformanceAnalytics(RangeSummaries summaries, MetricsView metrics, BusinessAnalytics business, Clock clock) {
        this.summaries = summaries;
        this.metrics = metrics;
        this.business = business;
        this.clock = clock;
    }

    Performance over(Duration range) {
        TreeMap<String, Performance.Latency> latency = new TreeMap<>();
        String source;
        long requests = 0;
        Double tokensPerSecond;
        try {
            for (Map.Entry<String, Summary> entry : summaries.perService(LATENCY, range).entrySet()) {
                Summary s = entry.getValue();
                requests += s.count();
                if (s.p50() != null) {
                    latency.put(entry.getKey(), new Performance.Latency(s.p50(), s.p95(), s.p99(), s.count(),
                            s.errorRate()));
                }
            }
            tokensPerSecond = summaries.perService("tokens_per_second", range).values().stream()
                    .filter(s -> s.mean() != null).map(Summary::mean).max(Comparator.naturalOrder()).orElse(null);
            source = "history:" + summaries.resolutionFor(range);
        } catch (DataAccessException e) {
            log.debug("Performance from the live state only: {}", e.toString());
            requests = fromLiveState(latency);
            tokensPerSecond = metrics.maxOfCurrent("tokens_per_second").orElse(null);
            source = "live";
        }
        double hoursToday = Math.max(1.0 / 60, LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).toSecondOfDay()
                / 3600.0);
        long conversations = business.today().conversations().totalToday();
        return new Performance(Json.formatDuration(range), source, latency,
                new Performance.Throughput(requests / (double) range.toSeconds(), conversations / hoursToday,
                        tokensPerSecond == null ? null : tokensPerSecond * 60),
                new Performance.Resources(
                        metrics.meanOfCurrent("cpu_pct", service -> service.startsWith("host:")).orElse(null),
                        metrics.meanOfCurrent("mem_pct", service -> service.startsWith("host:")).orElse(null),
                        metrics.maxOfCurrent("vram_used_pct").orElse(null)));
    }

    private long fromLiveState(Map<String, Performance.Latency> latency) {
        long requests = 0;
        for (MetricWindow current : metrics.currentWindowsOf(LATENCY, service -> true).values()) {
            MetricWindow w = current.inMetricUnit();
            latency.put(w.service(), new Performance.Latency(w.p50(), w.p95(), w.p99(), w.count(), w.errorRate()));
            requests += w.count();
        }
        return requests;
    }
}
