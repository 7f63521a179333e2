package io.lifestrands.monitor.api.system;

import io.lifestrands.monitor.schema.ServiceGraph;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of health, topology and the debug endpoints ({@code monitor.api.ops.*}).
 *
 * @param pipelineFreshness  the pipeline counts as down when no metric window arrived for this long, or none at all
 *                           this long after start
 * @param collectorUrls      base URLs of the collectors whose {@code /collection-status} the debug view fetches
 * @param collectorTimeout   bound of each collector fetch
 * @param collectorToken     bearer token sent with each collector fetch; blank sends none
 * @param injectInterval     how often simulated failures and test alerts produce a sample
 * @param maxInjectDuration  longest simulated failure
 * @param dependencies       the service graph for {@code /topology}, as {@code MONITOR_ALERT_DEPENDENCIES} gives it to
 *                           the processor's inhibition too (see {@link ServiceGraph#fromSetting(String)})
 * @param retention1mDays    days 1-minute windows are kept (at most {@code METRICS_RETENTION_DAYS})
 * @param retention5mDays    days 5-minute windows are kept (at most {@code METRICS_RETENTION_DAYS})
 */
@Validated
@ConfigurationProperties("monitor.api.ops")
public record OpsSettings(@NotNull @DurationMin(nanos = 0, inclusive = false) Duration pipelineFreshness,
                          List<String> collectorUrls,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration collectorTimeout,
                          String collectorToken,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration injectInterval,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration maxInjectDuration,
                          String dependencies, @Min(1) int retention1mDays, @Min(1) int retention5mDays) {

    public OpsSettings {
        collectorUrls = collectorUrls == null ? List.of() : List.copyOf(collectorUrls);
        collectorToken = collectorToken == null || collectorToken.isBlank() ? null : collectorToken.trim();
    }

    @AssertTrue(message = "dependencies (" + ServiceGraph.VARIABLE + ") must be 'default', empty or "
            + "service=dep1,dep2;other=dep3")
    boolean isDependenciesAServiceGraph() {
        try {
            ServiceGraph.fromSetting(dependencies);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // the collector token is a secret: never print it
    @Override
    public String toString() {
        return "OpsSettings[pipelineFreshness=" + pipelineFreshness + ", collectorUrls=" + collectorUrls
                + ", collectorTimeout=" + collectorTimeout + ", collectorToken=" + (collectorToken == null ? "none"
                : "set") + ", injectInterval=" + injectInterval + ", maxInjectDuration=" + maxInjectDuration
                + ", dependencies=" + dependencies + ", retention1mDays=" + retention1mDays + ", retention5mDays="
                + retention5mDays + "]";
    }

    /** The one service graph of the system, as this setting names it. */
    public ServiceGraph serviceGraph() {
        return ServiceGraph.fromSetting(dependencies);
    }
}
