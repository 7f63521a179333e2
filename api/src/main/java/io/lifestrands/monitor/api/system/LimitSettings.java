package io.lifestrands.monitor.api.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Request limits ({@code monitor.api.limits.*}).
 *
 * @param maxBodySize largest request body; larger ones get 413 before any parsing
 * @param maxPageSize largest page a paged endpoint returns
 * @param rateLimits  per-client token buckets by method and path pattern; excess gets 429 with Retry-After
 */
@ConfigurationProperties("monitor.api.limits")
public record LimitSettings(DataSize maxBodySize, int maxPageSize, List<RateLimit> rateLimits) {

    public LimitSettings {
        if (maxBodySize == null || maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("monitor.api.limits.max-body-size must be >= 1KB, was " + maxBodySize);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("monitor.api.limits.max-page-size must be >= 1, was " + maxPageSize);
        }
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
    }

    /**
     * @param method  HTTP method, e.g. {@code POST}
     * @param path    path pattern, e.g. {@code /alerts/{id}/acknowledge} or {@code /alerts/* /acknowledge}
     * @param permits requests allowed per {@code period} and client (token role or address)
     */
    public record RateLimit(String method, String path, int permits, Duration period) {

        public RateLimit {
            if (method == null || path == null || permits < 1 || period == null || period.isZero()
                    || period.isNegative()) {
                throw new IllegalArgumentException("monitor.api.limits.rate-limits entries need method, path, "
                        + "permits >= 1 and period > 0, was " + method + " " + path + " " + permits + "/" + period);
            }
            method = method.toUpperCase(Locale.ROOT);
        }
    }
}
