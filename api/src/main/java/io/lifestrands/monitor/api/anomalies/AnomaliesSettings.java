package io.lifestrands.monitor.api.anomalies;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the open anomaly episodes ({@code monitor.api.anomalies.*} in {@code api.yaml}); validated at start-up.
 *
 * @param lookback how far back the live consumer starts on the anomalies topic (older open episodes come from
 *                 PostgreSQL)
 */
@Validated
@ConfigurationProperties("monitor.api.anomalies")
record AnomaliesSettings(@NotNull @DurationMin(nanos = 0) Duration lookback) {
}
