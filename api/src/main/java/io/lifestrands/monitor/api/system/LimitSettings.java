package io.lifestrands.monitor.api.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("monitor.api.limits")
public record LimitSettings(@NotNull @DataSizeMin("1KB") DataSize maxBodySize, @Min(1) int maxPageSize,
                            List<@Valid RateLimit> rateLimits) {

    public LimitSettings {
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
    }

    /**
     * @param method  HTTP method, e.g. {@code POST}
     * @param path    path pattern, e.g. {@code /alerts/{id}/acknowledge} or {@code /alerts/* /acknowledge}
     * @param permits requests allowed per {@code period} and client (token role or address)
     */
    public record RateLimit(@NotBlank String method, @NotBlank String path, @Min(1) int permits,
                            @NotNull @DurationMin(nanos = 0, inclusive = false) Duration period) {

        public RateLimit {
            method = method == null ? null : method.toUpperCase(Locale.ROOT);
        }
    }
}
