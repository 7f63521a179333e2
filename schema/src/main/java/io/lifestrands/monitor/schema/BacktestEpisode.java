package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.Map;

/**
 * One alert episode of a backtest, replayed or as it actually happened: the shape both sides of a
 * {@code POST /rules/backtest} answer share, so they compare field by field.
 *
 * @param id        the episode id, {@code fingerprint-activeAtMillis}, as in {@link AlertEvent#id()}
 * @param startsAt  when the condition first held ({@code active_at})
 * @param fired     whether the episode reached {@code firing} (else it only was pending)
 * @param endsAt    when it resolved or its pending closed; absent while it still ran at the end of the range
 * @param peakValue the value farthest on the firing side of the threshold during the episode; absent when unknown
 *                  (an actual episode knows only the values of its announced transitions)
 */
public record BacktestEpisode(String id, String fingerprint, String rule, String service, Severity severity,
                              Map<String, String> labels, Instant startsAt, boolean fired, Instant endsAt,
                              Double peakValue) {

    public BacktestEpisode {
        Checks.required("id", id);
        Checks.required("starts_at", startsAt);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }
}
