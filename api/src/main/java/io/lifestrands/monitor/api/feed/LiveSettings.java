package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.system.DataSizeMin;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the live feed ({@code monitor.api.live.*} in {@code api.yaml}).
 *
 * @param pushInterval        a {@code metrics_update} is pushed this often even when nothing changed
 * @param minPushInterval     the least time between a metrics push and a change-driven {@code metrics_update}: a
 *                            change is pushed at once when the last push is that long ago, else when it is
 * @param allowedOrigins      origin patterns of browser pages from other origins that may open the socket; empty =
 *                            same origin only ({@code MONITOR_ALLOWED_ORIGINS})
 * @param socketSendTimeLimit longest write to one client before it is closed as too slow
 * @param socketBufferLimit   bytes queued for one client before it is closed as too slow
 * @param replayMessages      most recent messages kept for resuming clients
 * @param replayBytes         bound of the bytes those messages may hold together
 * @param sessionQueue        most messages queued for one client before it is closed as too slow
 * @param heartbeatInterval   how often the server pings each client and sends a {@code heartbeat} message
 * @param heartbeatTimeout    a client that has sent nothing (not even a pong) for this long is closed
 * @param requireToken        whether the handshake needs the read token ({@code ?token=} or a bearer header)
 * @param token               that token ({@code MONITOR_API_TOKEN}); required when {@code requireToken} is set
 * @param maxSessions         connections beyond this are refused at the handshake with 503
 */
@Validated
@ConfigurationProperties("monitor.api.live")
public record LiveSettings(@NotNull @DurationMin(nanos = 0, inclusive = false) Duration pushInterval,
                           @NotNull @DurationMin(nanos = 0, inclusive = false) Duration minPushInterval,
                           @NotNull List<String> allowedOrigins,
                           @NotNull @DurationMin(nanos = 0, inclusive = false) Duration socketSendTimeLimit,
                           @NotNull @DataSizeMin("1KB") DataSize socketBufferLimit,
                           @Min(1) int replayMessages, @NotNull @DataSizeMin("1KB") DataSize replayBytes,
                           @Min(1) int sessionQueue,
                           @NotNull @DurationMin(nanos = 0, inclusive = false) Duration heartbeatInterval,
                           @NotNull @DurationMin(nanos = 0, inclusive = false) Duration heartbeatTimeout,
                           boolean requireToken, String token, @Min(1) int maxSessions) {

    public LiveSettings {
        allowedOrigins = allowedOrigins == null ? null : List.copyOf(allowedOrigins);
        token = token == null || token.isBlank() ? null : token;
    }

    @AssertTrue(message = "heartbeat-timeout must be longer than heartbeat-interval")
    boolean isHeartbeatTimeoutLongerThanInterval() {
        return heartbeatTimeout == null || heartbeatInterval == null
                || heartbeatTimeout.compareTo(heartbeatInterval) > 0;
    }

    @AssertTrue(message = "token (MONITOR_API_TOKEN) is required when require-token is true")
    boolean isTokenSetWhenRequired() {
        return !requireToken || token != null;
    }

    // the token is a secret: never print it
    @Override
    public String toString() {
        return "LiveSettings[pushInterval=" + pushInterval + ", minPushInterval=" + minPushInterval
                + ", allowedOrigins=" + allowedOrigins + ", replayMessages=" + replayMessages + ", sessionQueue="
                + sessionQueue + ", heartbeatInterval=" + heartbeatInterval + ", requireToken=" + requireToken + "]";
    }
}
