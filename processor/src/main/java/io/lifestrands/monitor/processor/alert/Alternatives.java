package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.MetricWindow;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses, per rule of alternatives ({@code latency_ms or probe_latency_ms}) and service, the alternative the rule
 * is evaluated on: the first that has data for the rule. A service with traffic is judged on its traffic only;
 * once its traffic has left the rule's range (its live view comes with {@code count} 0, or no window with data
 * came for longer than the range), on its probe.
 *
 * <p>Kept in memory per task: after a restart the later alternatives count until the first window of an earlier
 * one comes by again (a live view comes at least once per window pane).
 */
final class Alternatives {

    /** Bound of the memo; past it the memo starts over, which at worst evaluates a fallback once too many. */
    private static final int MAX_ENTRIES = 100_000;

    /** Latest window end with data, by {@code rule|service|metric}. */
    private final Map<String, Instant> lastData = new HashMap<>();

    /**
     * Records whether {@code window} has data for {@code rule} (a live view whose data left its range comes once
     * with {@code count} 0: its metric has none any more) and tells whether the rule is to be evaluated on it: it has
     * data, and no alternative before it had data in a window ending after {@code at - range}.
     */
    boolean chooses(AlertRule rule, List<String> alternatives, MetricWindow window, Instant at) {
        if (lastData.size() >= MAX_ENTRIES) {
            lastData.clear();
        }
        String own = key(rule, window.service(), window.metric());
        if (window.count() == 0) {
            lastData.remove(own);
            return false;
        }
        lastData.merge(own, at, (old, now) -> now.isAfter(old) ? now : old);
        Instant since = at.minus(rule.range());
        int rank = alternatives.indexOf(window.metric());
        for (int i = 0; i < rank; i++) {
            Instant seen = lastData.get(key(rule, window.service(), alternatives.get(i)));
            if (seen != null && seen.isAfter(since)) {
                return false;
            }
        }
        return true;
    }

    private static String key(AlertRule rule, String service, String metric) {
        return rule.name() + '|' + service + '|' + metric;
    }
}
