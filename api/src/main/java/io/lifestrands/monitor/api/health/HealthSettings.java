package io.lifestrands.monitor.api.health;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of {@code /health} ({@code monitor.api.health.*} in {@code api.yaml}).
 *
 * @param pipelineFreshness the pipeline counts as down when no metric window arrived for this long, or none at all
 *                          this long after start
 */
@Validated
@ConfigurationProperties("monitor.api.health")
record HealthSettings(@NotNull @DurationMin(nanos = 0, inclusive = false) Duration pipelineFreshness) {
}
