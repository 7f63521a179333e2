package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How urgent an alert is; critical alerts also go to email. */
public enum Severity {
    @JsonProperty("critical") CRITICAL,
    @JsonProperty("warning") WARNING,
    @JsonProperty("info") INFO
}
