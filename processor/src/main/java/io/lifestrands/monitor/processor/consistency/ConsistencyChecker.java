package io.lifestrands.monitor.processor.consistency;

import io.lifestrands.monitor.processor.status.StatusView;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyKind;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cross-source consistency checks of one service, with no Kafka in it: each input (a closed 1m window, a status
 * view after a probe) gives the service's next state and the findings that open or close. A finding opens once and
 * closes once, like an anomaly episode.
 *
 * <ul>
 *   <li>{@value #PROBE_UP_TRAFFIC_FAILING}: the probes say up while the minute's traffic ({@code latency_ms}) failed
 *   more than the error-rate limit of at least the minimum number of requests;</li>
 *   <li>{@value #QUORUM_SPLIT}: some collectors see the service down while others see it up, for longer than one
 *   status interval;</li>
 *   <li>{@value #TOKENS_ZERO_WHILE_GENERATING}: the model service reports 0 tokens/s (the minute's mean) while its
 *   active generations (the same minute's mean) are above 0.</li>
 * </ul>
 */
public final class ConsistencyChecker {

    public static final String PROBE_UP_TRAFFIC_FAILING = "probe_up_traffic_failing";
    public static final String QUORUM_SPLIT = "quorum_split";
    public static final String TOKENS_ZERO_WHILE_GENERATING = "tokens_zero_while_generating";
    static final String TOKENS = "tokens_per_second";
    static final String ACTIVE = "active_requests";
    static final String STATUS_METRIC = "status";
    static final String RESOLUTION = "1m";

    private final ConsistencySettings settings;

    public ConsistencyChecker(ConsistencySettings settings) {
        this.settings = settings;
    }

    /** The next state and the transitions it announces. */
    record Outcome(ConsistencyState state, List<AnomalyEpisode> transitions) {
    }

    /** Takes one closed window; windows of other resolutions and metrics change nothing. */
    Outcome window(ConsistencyState state, MetricWindow window) {
        ConsistencyState current = state == null ? ConsistencyState.EMPTY : state;
        if (!RESOLUTION.equals(window.resolution())) {
            return new Outcome(current, List.of());
        }
        long startMs = window.windowStart().toEpochMilli();
        long endMs = window.windowEnd().toEpochMilli();
        return switch (window.metric()) {
            case Names.LATENCY_MS -> traffic(current, window, endMs);
            case TOKENS -> tokens(current.withTokens(new ConsistencyState.Minute(startMs, endMs, window.mean())),
                    window.service());
            case ACTIVE -> tokens(current.withActive(new ConsistencyState.Minute(startMs, endMs, window.mean())),
                    window.service());
            default -> new Outcome(current, List.of());
        };
    }

    /** Takes the status processor's view after a probe. */
    Outcome status(ConsistencyState state, StatusView view) {
        ConsistencyState current = state == null ? ConsistencyState.EMPTY : state;
        List<AnomalyEpisode> out = new ArrayList<>();
        Long since = view.split() ? (current.splitSinceMs() == null ? view.eventTimeMs() : current.splitSinceMs())
                : null;
        ConsistencyState next = current.withStatus(view.status(), since);
        if (view.status() != ServiceStatus.UP && next.open().containsKey(PROBE_UP_TRAFFIC_FAILING)) {
            next = close(next, view.service(), PROBE_UP_TRAFFIC_FAILING, view.eventTimeMs(), out);
        }
        boolean lasting = since != null && view.eventTimeMs() - since > settings.statusInterval().toMillis();
        if (lasting && !next.open().containsKey(QUORUM_SPLIT)) {
            int voters = view.down() + view.up();
            next = open(next, view.service(), QUORUM_SPLIT, new ConsistencyState.OpenFinding(since, STATUS_METRIC,
                    "count", view.down(), voters, "up", "collectors disagree: " + view.down() + " of " + voters
                    + " see " + view.service() + " down and " + view.up() + " see it up, for more than "
                    + Json.formatDuration(settings.statusInterval()) + " (combined status "
                    + Json.write(view.status()).replace("\"", "") + ")"), out);
        } else if (since == null && next.open().containsKey(QUORUM_SPLIT)) {
            next = close(next, view.service(), QUORUM_SPLIT, view.eventTimeMs(), out);
        }
        return new Outcome(next, out);
    }

    private Outcome traffic(ConsistencyState current, MetricWindow window, long endMs) {
        List<AnomalyEpisode> out = new ArrayList<>();
        boolean failing = window.count() >= settings.minRequests() && window.errorRate() > settings.errorRate();
        boolean open = current.open().containsKey(PROBE_UP_TRAFFIC_FAILING);
        ConsistencyState next = current;
        if (failing && current.status() == ServiceStatus.UP && !open) {
            next = open(current, window.service(), PROBE_UP_TRAFFIC_FAILING, new ConsistencyState.OpenFinding(
                    window.windowStart().toEpochMilli(), Names.LATENCY_MS, "error_rate", window.errorRate(),
                    settings.errorRate(), "up", "probes say " + window.service() + " is up while its traffic failed "
                    + percent(window.errorRate()) + " of " + window.count() + " requests in the minute to "
                    + window.windowEnd() + " (limit " + percent(settings.errorRate()) + ")"), out);
        } else if (!failing && open) {
            next = close(current, window.service(), PROBE_UP_TRAFFIC_FAILING, window.windowStart().toEpochMilli(),
                    out);
        }
        return new Outcome(next, out);
    }

    /** Judges the latest tokens/s and active-generations minutes when both are of the same minute. */
    private Outcome tokens(ConsistencyState current, String service) {
        ConsistencyState.Minute tokens = current.tokens();
        ConsistencyState.Minute active = current.active();
        if (tokens == null || active == null || tokens.startMs() != active.startMs()) {
            return new Outcome(current, List.of());
        }
        List<AnomalyEpisode> out = new ArrayList<>();
        boolean stalled = tokens.value() == 0 && active.value() > 0;
        boolean open = current.open().containsKey(TOKENS_ZERO_WHILE_GENERATING);
        ConsistencyState next = current;
        if (stalled && !open) {
            next = open(current, service, TOKENS_ZERO_WHILE_GENERATING, new ConsistencyState.OpenFinding(
                    tokens.startMs(), TOKENS, "mean", tokens.value(), active.value(), "down", service
                    + " reports 0 tokens/s while it reports " + String.format(Locale.ROOT, "%.1f", active.value())
                    + " active generations on average in the minute to " + Instant.ofEpochMilli(tokens.endMs())),
                    out);
        } else if (!stalled && open) {
            next = close(current, service, TOKENS_ZERO_WHILE_GENERATING, tokens.startMs(), out);
        }
        return new Outcome(next, out);
    }

    private static ConsistencyState open(ConsistencyState state, String service, String finding,
                                         ConsistencyState.OpenFinding details, List<AnomalyEpisode> out) {
        out.add(episode(service, finding, details, AnomalyState.OPEN, null));
        return state.opened(finding, details);
    }

    /** Closes a finding; it ends where the disagreement was last seen to stop, never before it started. */
    private static ConsistencyState close(ConsistencyState state, String service, String finding, long endMs,
                                          List<AnomalyEpisode> out) {
        ConsistencyState.OpenFinding details = state.open().get(finding);
        out.add(episode(service, finding, details, AnomalyState.CLOSED,
                Instant.ofEpochMilli(Math.max(endMs, details.startMs()))));
        return state.closed(finding);
    }

    private static AnomalyEpisode episode(String service, String finding, ConsistencyState.OpenFinding details,
                                          AnomalyState state, Instant end) {
        return new AnomalyEpisode(null, service, details.metric(), Statistic.valueOf(details.statistic()
                .toUpperCase(Locale.ROOT)), RESOLUTION, state, Instant.ofEpochMilli(details.startMs()), end,
                details.observed(), details.limit(), 0, "down".equals(details.direction()) ? AnomalyDirection.DOWN
                : AnomalyDirection.UP, AnomalyKind.CONSISTENCY, finding, details.message());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
