package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an {@link AnomalyEpisode} reports: a series that left its own baseline, or two sources that disagree about
 * one service (a cross-source consistency finding).
 */
public enum AnomalyKind {
    @JsonProperty("anomaly") ANOMALY,
    @JsonProperty("consistency") CONSISTENCY
}
