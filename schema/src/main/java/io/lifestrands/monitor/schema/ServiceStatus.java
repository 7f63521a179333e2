package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Health of a service as the processor judges it from its samples. */
public enum ServiceStatus {
    @JsonProperty("up") UP,
    @JsonProperty("degraded") DEGRADED,
    @JsonProperty("down") DOWN,
    @JsonProperty("unknown") UNKNOWN;

    /** The wire name, e.g. {@code "up"}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
