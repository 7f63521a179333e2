package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.alerts.AlertStore;
import io.lifestrands.monitor.api.anomalies.AnomalyStore;
import io.lifestrands.monitor.api.system.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes history older than {@code METRICS_RETENTION_DAYS} once an hour; 1-minute windows are kept at most
 * {@code retention-1m-days} (7) and 5-minute windows at most {@code retention-5m-days} (30), resolved alerts and
 * closed anomaly episodes as long as the rest.
 */
@Component
class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration PERIOD = Duration.ofHours(1);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final HistoryStore store;
    private final HistorySettings settings;
    private final AlertStore alerts;
    private final AnomalyStore anomalies;
    private final Clock clock;
    private volatile Background scheduler;

    RetentionJob(HistoryStore store, HistorySettings settings, AlertStore alerts, AnomalyStore anomalies,
                 Clock clock) {
        this.store = store;
        this.settings = settings;
        this.alerts = alerts;
        this.anomalies = anomalies;
        this.clock = clock;
    }

    void purge() {
        try {
            Instant now = clock.instant();
            int deleted = 0;
            for (String resolution : settings.resolutions()) {
                deleted += store.deleteWindows(resolution, now.minus(Duration.ofDays(days(resolution))));
            }
            Instant cutoff = now.minus(Duration.ofDays(settings.retentionDays()));
            deleted += store.deleteStatusChanges(cutoff);
            deleted += alerts.deleteResolvedBefore(cutoff);
            deleted += anomalies.deleteClosedBefore(cutoff);
            if (deleted > 0) {
                log.info("Deleted {} history rows past retention", deleted);
            }
        } catch (RuntimeException e) {
            // a failed purge is retried next period; it must not end the schedule
            log.warn("Purging old history failed: {}", e.toString());
        }
    }

    int days(String resolution) {
        return switch (resolution) {
            case "1m" -> Math.min(settings.retention1mDays(), settings.retentionDays());
            case "5m" -> Math.min(settings.retention5mDays(), settings.retentionDays());
            default -> settings.retentionDays();
        };
    }

    @Override
    public void start() {
        scheduler = Background.start("history-retention", 1);
        scheduler.every(FIRST_RUN, PERIOD, this::purge);
    }

    @Override
    public void stop() {
        Background s = scheduler;
        scheduler = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
