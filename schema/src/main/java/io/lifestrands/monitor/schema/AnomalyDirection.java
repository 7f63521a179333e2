package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which way a series moves when it goes wrong: latency and errors up, throughput and tokens/s down. */
public enum AnomalyDirection {
    @JsonProperty("up") UP,
    @JsonProperty("down") DOWN;

    /** +1 for up, -1 for down: a score times this is positive when the series moved the bad way. */
    public int sign() {
        return this == UP ? 1 : -1;
    }
}
