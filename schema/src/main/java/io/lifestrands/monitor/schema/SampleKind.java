package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What produced a {@link Sample}: a collector's probe, a pushed per-request record, or a pushed business event. */
public enum SampleKind {
    @JsonProperty("probe") PROBE,
    @JsonProperty("request") REQUEST,
    @JsonProperty("event") EVENT
}
