package io.lifestrands.monitor.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A request to replay one alert rule over stored history, on {@code monitor.backtest-requests.v1} keyed by
 * {@code id}; the processor answers with a {@link BacktestResult} of the same id.
 *
 * @param id            the request's id, echoed by the result
 * @param rule          the rule to replay, new, changed or unchanged; validated as the rules API does
 * @param from          start of the range (inclusive)
 * @param to            end of the range (inclusive); after {@code from}, at most {@link #MAX_RANGE} later
 * @param statusChanges the status changes of the range and its lookback, oldest first: only PostgreSQL keeps them
 *                      all (the status topic is compacted), so the api attaches them
 * @param requestedAt   when the request was made; a processor that sees it only after {@link #STALE_AFTER} drops it,
 *                      as nobody waits for the answer any more
 */
public record BacktestRequest(Integer v, String id, AlertRule rule, Instant from, Instant to,
                             List<StatusChange> statusChanges, Instant requestedAt) {

    public static final int VERSION = 1;
    /** The longest range: the retention of the metrics and samples topics. */
    public static final Duration MAX_RANGE = Duration.ofDays(7);
    /** Requests older than this when the processor reads them are not answered. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(5);

    /**
     * @throws InvalidFieldsException naming every broken field, e.g. {@code to} before {@code from}
     */
    public BacktestRequest {
        v = v == null ? VERSION : v;
        new Violations()
                .add("id", Checks.idProblem(id))
                .add("rule", Checks.requiredProblem(rule))
                .add("from", Checks.requiredProblem(from))
                .add("to", rangeProblem(from, to))
                .add("requested_at", Checks.requiredProblem(requestedAt))
                .throwIfAny();
        statusChanges = List.copyOf(statusChanges == null ? List.of() : statusChanges);
    }

    /**
     * How much history before {@code from} a backtest of {@code rule} replays, so that the rule's window, its
     * {@code for} and {@code keep_firing_for} are warm when the range begins, and an episode that started just
     * before the range is reproduced.
     */
    public static Duration lookback(AlertRule rule) {
        return rule.range().plus(rule.forDuration()).plus(rule.keepFiringFor());
    }

    /** Why {@code to} does not end a backtest range starting at {@code from}; null when it does. */
    public static String rangeProblem(Instant from, Instant to) {
        if (to == null) {
            return "is required";
        }
        if (from != null && !to.isAfter(from)) {
            return "must be after from " + from + ", was " + to;
        }
        if (from != null && Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            return "must be at most " + MAX_RANGE.toDays() + " days after from " + from + ", was " + to;
        }
        return null;
    }
}
