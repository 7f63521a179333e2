package io.lifestrands.monitor.api.debug;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the {@code /debug} endpoints ({@code monitor.api.debug.*} in {@code api.yaml}).
 *
 * @param collectorUrls     base URLs of the collectors whose {@code /collection-status} the debug view fetches
 * @param collectorTimeout  bound of each collector fetch
 * @param collectorToken    bearer token sent with each collector fetch; blank sends none
 * @param injectInterval    how often simulated failures and test alerts produce a sample
 * @param maxInjectDuration longest simulated failure
 */
@Validated
@ConfigurationProperties("monitor.api.debug")
record DebugSettings(List<String> collectorUrls,
                     @NotNull @DurationMin(nanos = 0, inclusive = false) Duration collectorTimeout,
                     String collectorToken,
                     @NotNull @DurationMin(nanos = 0, inclusive = false) Duration injectInterval,
                     @NotNull @DurationMin(nanos = 0, inclusive = false) Duration maxInjectDuration) {

    DebugSettings {
        collectorUrls = collectorUrls == null ? List.of() : List.copyOf(collectorUrls);
        collectorToken = collectorToken == null || collectorToken.isBlank() ? null : collectorToken.trim();
    }

    // the collector token is a secret: never print it
    @Override
    public String toString() {
        return "DebugSettings[collectorUrls=" + collectorUrls + ", collectorTimeout=" + collectorTimeout
                + ", collectorToken=" + (collectorToken == null ? "none" : "set") + ", injectInterval="
                + injectInterval + ", maxInjectDuration=" + maxInjectDuration + "]";
    }
}
