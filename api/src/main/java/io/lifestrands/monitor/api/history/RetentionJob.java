package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.system.ApiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes history older than {@code METRICS_RETENTION_DAYS} once an hour; 1-minute windows are kept at most
 * 7 days (DESIGN: 7 days at 1 m, the retention at coarser resolutions).
 */
@Component
class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration PERIOD = Duration.ofHours(1);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);
    private static final int FINE_DAYS = 7;

    private final HistoryStore store;
    private final ApiSettings settings;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    RetentionJob(HistoryStore store, ApiSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    void purge() {
        try {
            Instant now = clock.instant();
            int deleted = 0;
            for (String resolution : settings.historyResolutions()) {
                int days = resolution.equals("1m") ? Math.min(FINE_DAYS, settings.retentionDays())
                        : settings.retentionDays();
                deleted += store.deleteWindows(resolution, now.minus(Duration.ofDays(days)));
            }
            deleted += store.deleteStatusChanges(now.minus(Duration.ofDays(settings.retentionDays())));
            if (deleted > 0) {
                log.info("Deleted {} history rows past retention", deleted);
            }
        } catch (RuntimeException e) {
            // a failed purge is retried next period; it must not end the schedule
            log.warn("Purging old history failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "history-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purge, FIRST_RUN.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
