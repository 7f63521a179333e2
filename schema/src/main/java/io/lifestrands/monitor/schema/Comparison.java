package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an alert rule compares the observed statistic with its threshold. */
public enum Comparison {
    @JsonProperty(">") GT,
    @JsonProperty(">=") GE,
    @JsonProperty("<") LT,
    @JsonProperty("<=") LE,
    @JsonProperty("==") EQ,
    @JsonProperty("!=") NE;

    /** Whether {@code value} stands in this relation to {@code threshold}. */
    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }
}
