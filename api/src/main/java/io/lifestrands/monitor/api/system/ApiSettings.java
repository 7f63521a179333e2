package io.lifestrands.monitor.api.system;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * What the whole api shares ({@code monitor.api.*} in {@code api.yaml}): the connections, their timeouts and the
 * consumers' back-off and group membership. Each feature's own settings are under {@code monitor.api.<feature>.*}.
 *
 * @param databaseUser           used only when {@code database-url} carries no user ({@code DATABASE_USER})
 * @param dependencyTimeout      bound of each dependency check and of Redis calls
 * @param retryInitialDelay      first back-off after a failed batch; doubles up to {@code retryMaxDelay}
 * @param consumerSessionTimeout how long a silent api instance keeps its history/notify partitions before another
 *                               instance of the group takes them over ({@code MONITOR_API_SESSION_TIMEOUT})
 * @param processorApplicationId the processor's Kafka Streams application id, i.e. its consumer group, which
 *                               {@code /health} checks for running instances ({@code MONITOR_PROCESSOR_APP_ID})
 */
@Validated
@ConfigurationProperties("monitor.api")
public record ApiSettings(@NotBlank String bootstrapServers, @NotBlank String redisUrl, @NotBlank String databaseUrl,
                          String databaseUser, String databasePassword,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration dependencyTimeout,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration retryInitialDelay,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration retryMaxDelay,
                          @NotNull @DurationMin(nanos = 0, inclusive = false) Duration consumerSessionTimeout,
                          @NotNull @Pattern(regexp = ApiSettings.APPLICATION_ID) String processorApplicationId) {

    /** What Kafka Streams accepts as an application id, as the processor checks it. */
    static final String APPLICATION_ID = "[A-Za-z0-9._\\-]{1,200}";

    public ApiSettings {
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
        return "ApiSettings[bootstrapServers=" + bootstrapServers + ", dependencyTimeout=" + dependencyTimeout
                + ", retryInitialDelay=" + retryInitialDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", consumerSessionTimeout=" + consumerSessionTimeout + ", processorApplicationId="
                + processorApplicationId + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
