package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Health of a service as the processor judges it from its samples. */
public enum ServiceStatus {
    @JsonProperty("up") UP,
    @JsonProperty("degraded") DEGRADED,
    @JsonProperty("down") DOWN,
    @JsonProperty("unknown") UNKNOWN,
    /**
     * The collectors could not perform their checks of the service ({@link Sample#failedToMonitor()}): whether it
     * is up is not known, for a reason on the monitor's side rather than the service's.
     */
    @JsonProperty("monitoring_failed") MONITORING_FAILED;

    /** The wire name, e.g. {@code "up"}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
