package io.lifestrands.monitor.api.alerts;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the active alerts ({@code monitor.api.alerts.*} in {@code api.yaml}); validated at start-up.
 *
 * @param lookback how far back the live consumer starts on the alerts topic, to know the active alerts (older firing
 *                 ones come from PostgreSQL)
 */
@ConfigurationProperties("monitor.api.alerts")
public record AlertsSettings(Duration lookback) {

    public AlertsSettings {
        if (lookback == null || lookback.isNegative()) {
            throw new IllegalArgumentException("monitor.api.alerts.lookback must be >= 0, was " + lookback);
        }
    }
}
