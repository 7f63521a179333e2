package io.lifestrands.monitor.processor.consistency;

import io.lifestrands.monitor.schema.ServiceStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * What the consistency checks keep of one service: its latest status, since when its collectors split, the latest
 * minute of tokens/s and active generations, and its open findings by name. Immutable; stored as JSON.
 *
 * @param status       the latest combined status; null before the first probe
 * @param splitSinceMs event time of the first probe of the current split; null when the collectors agree
 * @param tokens       the latest 1m {@code tokens_per_second} window; null before one
 * @param active       the latest 1m {@code active_requests} window; null before one
 */
record ConsistencyState(ServiceStatus status, Long splitSinceMs, Minute tokens, Minute active,
                        Map<String, OpenFinding> open) {

    static final ConsistencyState EMPTY = new ConsistencyState(null, null, null, null, Map.of());

    ConsistencyState {
        open = open == null ? Map.of() : Map.copyOf(open);
    }

    /** One minute's figure of a metric: its window start and end, epoch millis. */
    record Minute(long startMs, long endMs, double value) {
    }

    /** A finding that is open: since when, and what it said when it opened. */
    record OpenFinding(long startMs, String metric, String statistic, double observed, double limit,
                       String direction, String message) {
    }

    ConsistencyState withStatus(ServiceStatus next, Long nextSplitSinceMs) {
        return new ConsistencyState(next, nextSplitSinceMs, tokens, active, open);
    }

    ConsistencyState withTokens(Minute next) {
        return new ConsistencyState(status, splitSinceMs, next, active, open);
    }

    ConsistencyState withActive(Minute next) {
        return new ConsistencyState(status, splitSinceMs, tokens, next, open);
    }

    ConsistencyState opened(String finding, OpenFinding details) {
        Map<String, OpenFinding> next = new HashMap<>(open);
        next.put(finding, details);
        return new ConsistencyState(status, splitSinceMs, tokens, active, next);
    }

    ConsistencyState closed(String finding) {
        Map<String, OpenFinding> next = new HashMap<>(open);
        next.remove(finding);
        return new ConsistencyState(status, splitSinceMs, tokens, active, next);
    }
}
