package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an anomaly episode is still going on. */
public enum AnomalyState {
    @JsonProperty("open") OPEN,
    @JsonProperty("closed") CLOSED
}
