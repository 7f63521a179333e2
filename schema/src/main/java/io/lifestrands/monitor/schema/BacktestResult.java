package io.lifestrands.monitor.schema;

import java.util.List;
import java.util.Map;

/**
 * The processor's answer to a {@link BacktestRequest} on {@code monitor.backtest-results.v1}, keyed by the
 * request's {@code id}.
 *
 * @param id       the request's id
 * @param episodes the episodes the rule would have produced that overlap the range, oldest first
 * @param inputs   how many inputs were replayed, by kind ({@code windows}, {@code status_changes},
 *                 {@code anomalies}, {@code samples}, {@code ticks})
 * @param warnings where the replay is not exact or history was incomplete, e.g. a range older than a topic keeps
 * @param error    why the replay failed; absent when it ran
 */
public record BacktestResult(Integer v, String id, List<BacktestEpisode> episodes, Map<String, Long> inputs,
                             List<String> warnings, String error) {

    public static final int VERSION = 1;

    public BacktestResult {
        v = v == null ? VERSION : v;
        Checks.required("id", id);
        episodes = List.copyOf(episodes == null ? List.of() : episodes);
        inputs = Map.copyOf(inputs == null ? Map.of() : inputs);
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    /** A failed replay, with its reason. */
    public static BacktestResult failed(String id, String error) {
        return new BacktestResult(VERSION, id, List.of(), Map.of(), List.of(), error);
    }
}
