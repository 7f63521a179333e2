package io.lifestrands.monitor.api.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Settings of the live feed ({@code monitor.api.live.*} in {@code api.yaml}); validated at start-up. The send time
 * limit, the per-session byte bound, the push interval and the allowed origins stay in {@code monitor.api.*}.
 *
 * @param replayMessages     most recent messages kept for resuming clients
 * @param replayBytes        bound of the bytes those messages may hold together
 * @param sessionQueue       most messages queued for one client before it is closed as too slow
 * @param heartbeatInterval  how often the server pings each client and sends a {@code heartbeat} message
 * @param heartbeatTimeout   a client that has sent nothing (not even a pong) for this long is closed
 * @param requireToken       whether the handshake needs the read token ({@code ?token=} or a bearer header)
 * @param token              that token ({@code MONITOR_API_TOKEN}); required when {@code requireToken} is set
 * @param maxSessions        connections beyond this are refused at the handshake with 503
 */
@ConfigurationProperties("monitor.api.live")
public record LiveSettings(int replayMessages, DataSize replayBytes, int sessionQueue, Duration heartbeatInterval,
                           Duration heartbeatTimeout, boolean requireToken, String token, int maxSessions) {

    public LiveSettings {
        atLeastOne("replay-messages", replayMessages);
        if (replayBytes == null || replayBytes.toBytes() < 1024) {
            throw new IllegalArgumentException("monitor.api.live.replay-bytes must be >= 1KB, was " + replayBytes);
        }
        atLeastOne("session-queue", sessionQueue);
        positive("heartbeat-interval", heartbeatInterval);
        positive("heartbeat-timeout", heartbeatTimeout);
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("monitor.api.live.heartbeat-timeout must be longer than "
                    + "heartbeat-interval " + heartbeatInterval + ", was " + heartbeatTimeout);
        }
        token = token == null || token.isBlank() ? null : token;
        if (requireToken && token == null) {
            throw new IllegalArgumentException("monitor.api.live.token (MONITOR_API_TOKEN) is required when "
                    + "monitor.api.live.require-token is true");
        }
        atLeastOne("max-sessions", maxSessions);
    }

    // the token is a secret: never print it
    @Override
    public String toString() {
        return "LiveSettings[replayMessages=" + replayMessages + ", sessionQueue=" + sessionQueue
                + ", heartbeatInterval=" + heartbeatInterval + ", requireToken=" + requireToken + "]";
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("monitor.api.live." + key + " must be >= 1, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("monitor.api.live." + key + " must be > 0, was " + value);
        }
    }
}
