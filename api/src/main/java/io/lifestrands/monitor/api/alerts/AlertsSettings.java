package io.lifestrands.monitor.api.alerts;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the active alerts ({@code monitor.api.alerts.*} in {@code api.yaml}); validated at start-up.
 *
 * @param lookback how far back the live consumer starts on the alerts topic, to know the active alerts (older firing
 *                 ones come from PostgreSQL)
 */
@Validated
@ConfigurationProperties("monitor.api.alerts")
public record AlertsSettings(@NotNull @DurationMin(nanos = 0) Duration lookback) {
}
