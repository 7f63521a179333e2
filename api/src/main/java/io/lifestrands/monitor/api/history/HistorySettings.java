package io.lifestrands.monitor.api.history;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Settings of the history in PostgreSQL ({@code monitor.api.history.*} in {@code api.yaml}).
 *
 * @param groupId         consumer group of the history consumer; offsets are committed after the rows are written
 * @param resolutions     window resolutions stored and accepted by {@code /metrics/history}
 * @param maxWindows      most windows one {@code /metrics/history} answer may hold
 * @param retentionDays   days windows, status changes, resolved alerts and closed anomaly episodes are kept
 *                        ({@code METRICS_RETENTION_DAYS})
 * @param retention1mDays days 1-minute windows are kept (at most {@code retentionDays})
 * @param retention5mDays days 5-minute windows are kept (at most {@code retentionDays})
 */
@Validated
@ConfigurationProperties("monitor.api.history")
record HistorySettings(@NotBlank String groupId, @NotEmpty List<String> resolutions, @Min(1) int maxWindows,
                       @Min(1) int retentionDays, @Min(1) int retention1mDays, @Min(1) int retention5mDays) {

    HistorySettings {
        resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
    }
}
