package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.schema.Resolution;
import io.lifestrands.monitor.schema.Names;

import io.lifestrands.monitor.api.history.HistoryStore;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.schema.MetricWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Today's business figures (UTC day) from the processor's {@code 1d} windows of metric {@code event:<name>}: the
 * window's count is the number of events, its mean their value (a conversation's {@code duration_ms}, a summary's
 * {@code processing_time_ms}). Windows come from the live state, else from PostgreSQL.
 */
@Component
class BusinessAnalytics {

    static final String DAY = Resolution.DAY.label();
    static final String PREFIX = Names.EVENT_PREFIX;
    private static final Logger log = LoggerFactory.getLogger(BusinessAnalytics.class);

    private final LiveState state;
    private final MetricsView metrics;
    private final HistoryStore history;
    private final Clock clock;

    BusinessAnalytics(LiveState state, MetricsView metrics, HistoryStore history, Clock clock) {
        this.state = state;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
    }

    Business today() {
        LocalDate date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Event> events = events(date.atStartOfDay().toInstant(ZoneOffset.UTC));
        Event started = events.getOrDefault("conversation_started", Event.NONE);
        Event ended = events.getOrDefault("conversation_ended", Event.NONE);
        Event summaries = events.getOrDefault("summary_processed", Event.NONE);
        TreeMap<String, Long> counts = new TreeMap<>();
        events.forEach((name, event) -> counts.put(name, event.count()));
        return new Business(date,
                new Business.Conversations(Math.max(0, started.count() - ended.count()), started.count(),
                        ended.count(), human(ended.meanValue()), ended.meanValue()),
                new Business.Npcs(gauge("npcs_total"), gauge("npcs_active"),
                        events.getOrDefault("npc_created", Event.NONE).count(),
                        events.getOrDefault("npc_updated", Event.NONE).count()),
                new Business.Summaries(summaries.count(), gauge("queue_size:summary_queue"),
                        human(summaries.meanValue()), summaries.meanValue()),
                counts);
    }

    /** Per event name, today's count and value summed over services; live windows win over stored ones. */
    private Map<String, Event> events(Instant dayStart) {
        Map<String, MetricWindow> windows = new HashMap<>();
        try {
            history.windowsSince(DAY, PREFIX, dayStart, 10_000).forEach(w -> windows.put(w.key(), w));
        } catch (DataAccessException e) {
            log.debug("Business figures from the live state only: {}", e.toString());
        }
        state.windows().stream()
                .filter(w -> w.resolution().equals(DAY) && w.metric().startsWith(PREFIX)
                        && w.windowStart().equals(dayStart))
                .forEach(w -> windows.merge(w.key(), w, (a, b) -> b.windowEnd().isBefore(a.windowEnd())
                        || b.count() < a.count() ? a : b));
        Map<String, Event> events = new TreeMap<>();
        windows.values().stream().filter(w -> w.windowStart().equals(dayStart)).forEach(w -> events.merge(
                w.metric().substring(PREFIX.length()), new Event(w.count(), w.sum()), Event::plus));
        return events;
    }

    private Long gauge(String metric) {
        return metrics.currentValues(metric, service -> true).values().stream()
                .map(Math::round).reduce(Long::sum).orElse(null);
    }

    /** "18 minutes" or "45 seconds"; null without a value. */
    static String human(Double ms) {
        if (ms == null) {
            return null;
        }
        long seconds = Math.round(ms / 1000);
        return seconds >= 120 ? Math.round(seconds / 60.0) + " minutes" : seconds + " seconds";
    }

    private record Event(long count, double sum) {

        static final Event NONE = new Event(0, 0);

        Event plus(Event other) {
            return new Event(count + other.count, sum + other.sum);
        }

        Double meanValue() {
            return count == 0 || sum == 0 ? null : sum / count;
        }
    }
}
