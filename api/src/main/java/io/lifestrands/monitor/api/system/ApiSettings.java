package io.lifestrands.monitor.api.system;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the api ({@code monitor.api.*} in {@code api.yaml}); validated at start-up.
 *
 * @param databaseUser           used only when {@code database-url} carries no user ({@code DATABASE_USER})
 * @param historyResolutions     window resolutions stored in PostgreSQL and accepted by {@code /metrics/history}
 * @param historyMaxWindows      most windows one {@code /metrics/history} answer may hold
 * @param liveMetricsLookback    how far back the live consumer starts on the metrics topic
 * @param dependencyTimeout      bound of each dependency check and of Redis calls
 * @param retryInitialDelay      first back-off after a failed batch; doubles up to {@code retryMaxDelay}
 * @param consumerSessionTimeout how long a silent api instance keeps its history/notify partitions before another
 *                               instance of the group takes them over ({@code MONITOR_API_SESSION_TIMEOUT})
 * @param minPushInterval        the least time between a metrics push and a change-driven {@code metrics_update}:
 *                               a change is pushed at once when the last push is that long ago, else when it is;
 *                               {@code pushInterval} pushes one even when nothing changed
 * @param processorApplicationId the processor's Kafka Streams application id, i.e. its consumer group, which
 *                               {@code /health} checks for running instances ({@code MONITOR_PROCESSOR_APP_ID})
 */
@ConfigurationProperties("monitor.api")
public record ApiSettings(String bootstrapServers, String redisUrl, String databaseUrl, String databaseUser,
                          String databasePassword, String historyGroupId, List<String> historyResolutions,
                          int historyMaxWindows, int retentionDays, Duration pushInterval,
                          List<String> allowedOrigins, Duration liveMetricsLookback, Duration dependencyTimeout,
                          Duration socketSendTimeLimit, DataSize socketBufferLimit, Duration retryInitialDelay,
                          Duration retryMaxDelay, Duration consumerSessionTimeout, Duration minPushInterval,
                          String processorApplicationId) {

    /** What Kafka Streams accepts as an application id, as the processor checks it. */
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,200}");

    public ApiSettings {
        required("bootstrap-servers", bootstrapServers);
        required("redis-url", redisUrl);
        required("database-url", databaseUrl);
        required("history-group-id", historyGroupId);
        required("history-resolutions", historyResolutions);
        required("allowed-origins", allowedOrigins);
        if (historyResolutions.isEmpty()) {
            throw new IllegalArgumentException("monitor.api.history-resolutions must not be empty");
        }
        atLeastOne("history-max-windows", historyMaxWindows);
        atLeastOne("retention-days", retentionDays);
        positive("push-interval", pushInterval);
        required("live-metrics-lookback", liveMetricsLookback);
        positive("dependency-timeout", dependencyTimeout);
        positive("socket-send-time-limit", socketSendTimeLimit);
        required("socket-buffer-limit", socketBufferLimit);
        if (socketBufferLimit.toBytes() < 1024) {
            throw new IllegalArgumentException("monitor.api.socket-buffer-limit must be >= 1KB, was "
                    + socketBufferLimit);
        }
        positive("retry-initial-delay", retryInitialDelay);
        positive("retry-max-delay", retryMaxDelay);
        positive("consumer-session-timeout", consumerSessionTimeout);
        positive("min-push-interval", minPushInterval);
        required("processor-application-id", processorApplicationId);
        if (!APPLICATION_ID.matcher(processorApplicationId).matches()) {
            throw new IllegalArgumentException("monitor.api.processor-application-id must match "
                    + APPLICATION_ID.pattern() + ", was '" + processorApplicationId + "'");
        }
        historyResolutions = List.copyOf(historyResolutions);
        allowedOrigins = List.copyOf(allowedOrigins);
        databaseUser = blankToNull(databaseUser);
        databasePassword = blankToNull(databasePassword);
    }

    /** The parsed {@code database-url}, completed with {@code database-user}/{@code database-password}. */
    public DatabaseUrl database() {
        return DatabaseUrl.parse(databaseUrl, databaseUser, databasePassword);
    }

    /**
     * Session timeout and heartbeat interval of the consumers that are group members (history, notify). Kafka's
     * default 45 s would leave the partitions of a killed instance unread that long; heartbeats come at Kafka's 3 s
     * or a third of a shorter timeout, so that a session survives two lost heartbeats.
     */
    public Map<String, Object> groupMembership() {
        return Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) consumerSessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.min(3_000, Math.max(1, consumerSessionTimeout.toMillis() / 3)));
    }

    // the URLs and the password may carry secrets: never print them
    @Override
    public String toString() {
        return "ApiSettings[bootstrapServers=" + bootstrapServers + ", historyGroupId=" + historyGroupId
                + ", historyResolutions=" + historyResolutions + ", retentionDays=" + retentionDays
                + ", pushInterval=" + pushInterval + ", minPushInterval=" + minPushInterval
                + ", consumerSessionTimeout=" + consumerSessionTimeout + ", allowedOrigins=" + allowedOrigins
                + ", processorApplicationId=" + processorApplicationId + "]";
    }

    private static void required(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("monitor.api." + key + " is required");
        }
    }

    private static void positive(String key, Duration value) {
        required(key, value);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("monitor.api." + key + " must be > 0, was " + value);
        }
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("monitor.api." + key + " must be >= 1, was " + value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
