package io.lifestrands.monitor.api.rules;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the rules feature ({@code monitor.api.rules.*} in {@code api.yaml}); validated at start-up.
 *
 * @param backtestTimeout how long {@code POST /rules/backtest} waits for the processor's answer before a 504
 */
@Validated
@ConfigurationProperties("monitor.api.rules")
record RulesSettings(@NotNull @DurationMin(seconds = 1) Duration backtestTimeout) {
}
