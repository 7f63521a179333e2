package io.lifestrands.monitor.api.system;

import io.lifestrands.monitor.schema.ServiceGraph;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
@ConfigurationProperties("monitor.api.ops")
public record OpsSettings(Duration pipelineFreshness, List<String> collectorUrls, Duration collectorTimeout,
                          String collectorToken, Duration injectInterval, Duration maxInjectDuration, String dependencies,
                          int retention1mDays, int retention5mDays) {

    public OpsSettings {
        positive("pipeline-freshness", pipelineFreshness);
        positive("collector-timeout", collectorTimeout);
        positive("inject-interval", injectInterval);
        positive("max-inject-duration", maxInjectDuration);
        collectorUrls = collectorUrls == null ? List.of() : List.copyOf(collectorUrls);
        collectorToken = collectorToken == null || collectorToken.isBlank() ? null : collectorToken.trim();
        try {
            ServiceGraph.fromSetting(dependencies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor.api.ops.dependencies (" + ServiceGraph.VARIABLE
                    + ") is invalid: " + e.getMessage(), e);
        }
        if (retention1mDays < 1 || retention5mDays < 1) {
            throw new IllegalArgumentException("monitor.api.ops.retention-1m-days and retention-5m-days must be "
                    + ">= 1, were " + retention1mDays + " and " + retention5mDays);
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

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("monitor.api.ops." + key + " must be > 0, was " + value);
        }
    }
}
