package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an {@link Slo} stands, on the compacted {@code monitor.slo-status.v1}, keyed by the SLO's {@code id}: the
 * processor's counts over the SLO's window and the burn rates of the alerting windows, as of the latest event it
 * counted. A burn rate is {@code (bad / total) / (1 - objective)} over its window: 1 spends the budget exactly over
 * the SLO's window. Every figure that no event backs is absent, never 0.
 *
 * @param id               the SLO's id
 * @param service          the SLO's service
 * @param kind             the SLO's kind
 * @param objective        the SLO's objective
 * @param window           the SLO's window
 * @param source           the events counted
 * @param good             good events in the window
 * @param total            all counted events in the window
 * @param budgetRemaining  share of the error budget left over the window: {@code 1 - burn over the window}; below 0
 *                         when overspent; absent when no event was counted
 * @param windowCovered    share of the window for which counts exist (0 to 1): the SLO is younger than its window
 *                         while below 1
 * @param burn5m           burn rate over the last 5 minutes; absent when no event was counted in them
 * @param burn30m          over 30 minutes
 * @param burn1h           over 1 hour
 * @param burn6h           over 6 hours
 * @param burn3d           over 3 days
 * @param asOf             event time of the latest counted event
 */
public record SloStatus(Integer v, String id, String service, Slo.Kind kind, double objective, Duration window,
                        Slo.Source source, long good, long total, Double budgetRemaining, double windowCovered,
                        @JsonProperty("burn_5m") Double burn5m, @JsonProperty("burn_30m") Double burn30m,
                        @JsonProperty("burn_1h") Double burn1h, @JsonProperty("burn_6h") Double burn6h,
                        @JsonProperty("burn_3d") Double burn3d, Instant asOf) {

    public static final int VERSION = 1;

    public SloStatus {
        v = v == null ? VERSION : v;
        Checks.id("id", id);
        Checks.id("service", service);
        Checks.required("kind", kind);
        Checks.required("window", window);
        Checks.required("source", source);
        Checks.required("as_of", asOf);
        if (good < 0 || total < good) {
            throw new IllegalArgumentException("good and total must satisfy 0 <= good <= total, were " + good
                    + " and " + total);
        }
        if (!(windowCovered >= 0 && windowCovered <= 1)) {
            throw new IllegalArgumentException("window_covered must be between 0 and 1, was " + windowCovered);
        }
    }
}
