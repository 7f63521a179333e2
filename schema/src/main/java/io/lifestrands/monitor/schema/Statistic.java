package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which figure of a metric an alert rule compares with its threshold. */
public enum Statistic {
    @JsonProperty("p50") P50,
    @JsonProperty("p95") P95,
    @JsonProperty("p99") P99,
    @JsonProperty("mean") MEAN,
    @JsonProperty("max") MAX,
    @JsonProperty("min") MIN,
    @JsonProperty("last") LAST,
    @JsonProperty("count") COUNT,
    @JsonProperty("rate_per_min") RATE_PER_MIN,
    @JsonProperty("error_rate") ERROR_RATE,
    @JsonProperty("absent") ABSENT
}
