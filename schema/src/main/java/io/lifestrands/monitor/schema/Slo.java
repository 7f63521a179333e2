package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;

/**
 * A service level objective on the compacted {@code monitor.slos.v1}, keyed by {@code id}; a tombstone deletes it.
 * The processor counts good and total events of the service from the samples and publishes an {@link SloStatus}.
 *
 * @param id          the SLO's id
 * @param service     the service it judges (one id)
 * @param kind        {@code availability}: an event is good when it did not fail; {@code latency}: when it did not
 *                    fail and took at most {@code threshold_ms}
 * @param objective   the share of good events promised, strictly between 0 and 1, e.g. 0.999
 * @param window      the rolling window of the budget, from {@link #MIN_WINDOW} to {@link #MAX_WINDOW}
 * @param thresholdMs the latency limit of a {@code latency} SLO in milliseconds; absent for {@code availability}
 * @param source      which events count: {@code traffic} (requests: {@code latency_ms} samples and histograms) or
 *                    {@code probes} (the collectors' checks); default {@code traffic}
 * @param description free text; absent when none
 */
public record Slo(Integer v, String id, String service, Kind kind, double objective, Duration window,
                  Double thresholdMs, Source source, String description) {

    public static final int VERSION = 1;
    public static final Duration MIN_WINDOW = Duration.ofHours(1);
    /** The longest window the processor keeps counts for (hourly buckets). */
    public static final Duration MAX_WINDOW = Duration.ofDays(30);

    /** What makes an event good. */
    public enum Kind {
        @JsonProperty("availability") AVAILABILITY,
        @JsonProperty("latency") LATENCY
    }

    /** Which events an SLO counts. */
    public enum Source {
        @JsonProperty("traffic") TRAFFIC,
        @JsonProperty("probes") PROBES
    }

    public Slo {
        v = v == null ? VERSION : v;
        source = source == null ? Source.TRAFFIC : source;
        new Violations()
                .add("id", Checks.idProblem(id))
                .add("service", Checks.idProblem(service))
                .add("kind", Checks.requiredProblem(kind))
                .add("objective", objective > 0 && objective < 1 ? null
                        : "must be between 0 and 1 (exclusive), was " + objective)
                .add("window", windowProblem(window))
                .add("threshold_ms", thresholdProblem(kind, thresholdMs))
                .add("description", Checks.textProblem(description))
                .throwIfAny();
    }

    /** The share of events that may be bad: {@code 1 - objective}. */
    public double errorBudget() {
        return 1 - objective;
    }

    private static String windowProblem(Duration window) {
        if (window == null) {
            return "is required";
        }
        return window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0
                ? "must be between 1h and 30d, was " + Json.formatDuration(window) : null;
    }

    private static String thresholdProblem(Kind kind, Double thresholdMs) {
        if (kind == Kind.LATENCY) {
            return thresholdMs != null && Double.isFinite(thresholdMs) && thresholdMs > 0 ? null
                    : "must be a number > 0 for a latency SLO, was " + thresholdMs;
        }
        return thresholdMs == null ? null : "must be absent for an availability SLO, was " + thresholdMs;
    }
}
