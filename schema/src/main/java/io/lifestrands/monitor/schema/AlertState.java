package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The transitions an alert goes through, as in Prometheus. */
public enum AlertState {
    @JsonProperty("pending") PENDING,
    @JsonProperty("firing") FIRING,
    @JsonProperty("resolved") RESOLVED
}
