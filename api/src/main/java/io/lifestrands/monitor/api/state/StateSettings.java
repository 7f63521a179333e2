package io.lifestrands.monitor.api.state;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the read model ({@code monitor.api.state.*} in {@code api.yaml}).
 *
 * @param metricsLookback how far back the live consumer starts on the metrics topic, to fill the latest windows
 */
@Validated
@ConfigurationProperties("monitor.api.state")
record StateSettings(@NotNull Duration metricsLookback) {
}
