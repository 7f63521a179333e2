package io.lifestrands.monitor.processor.consistency;

import java.time.Duration;
import java.util.Map;

import static io.lifestrands.monitor.processor.ProcessorSettings.parse;

/**
 * Settings of the cross-source consistency checks.
 *
 * @param errorRate      traffic error rate of a minute above which a probe that says up is contradicted
 * @param minRequests    requests a minute needs before its error rate counts, so 1 failure of 2 is no finding
 * @param statusInterval how long collectors may split (some down, some up) before it is a finding
 */
public record ConsistencySettings(double errorRate, long minRequests, Duration statusInterval) {

    public static final double DEFAULT_ERROR_RATE = 0.2;
    public static final long DEFAULT_MIN_REQUESTS = 10;

    public ConsistencySettings {
        if (!Double.isFinite(errorRate) || errorRate < 0 || errorRate >= 1) {
            throw new IllegalArgumentException("MONITOR_CONSISTENCY_ERROR_RATE must be in [0, 1), was " + errorRate);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("MONITOR_CONSISTENCY_MIN_REQUESTS must be >= 1, was " + minRequests);
        }
        if (statusInterval == null || statusInterval.isNegative() || statusInterval.isZero()) {
            throw new IllegalArgumentException("status interval must be > 0, was " + statusInterval);
        }
    }

    public static ConsistencySettings defaults(Duration statusInterval) {
        return new ConsistencySettings(DEFAULT_ERROR_RATE, DEFAULT_MIN_REQUESTS, statusInterval);
    }

    /**
     * Reads {@code MONITOR_CONSISTENCY_ERROR_RATE} and {@code MONITOR_CONSISTENCY_MIN_REQUESTS}.
     *
     * @throws IllegalArgumentException naming the variable and its value when one is invalid
     */
    public static ConsistencySettings fromEnv(Map<String, String> env, Duration statusInterval) {
        return new ConsistencySettings(
                parse(env, "MONITOR_CONSISTENCY_ERROR_RATE", Double::parseDouble, DEFAULT_ERROR_RATE),
                parse(env, "MONITOR_CONSISTENCY_MIN_REQUESTS", Long::parseLong, DEFAULT_MIN_REQUESTS),
                statusInterval);
    }
}
