package io.lifestrands.monitor.api.security;

import io.lifestrands.monitor.api.system.DataSizeMin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Settings of auth and request limits, {@code monitor.api.auth.*} and {@code monitor.api.limits.*} in
 * {@code api.yaml}: one record bound at {@code monitor.api}, so that both keep their keys.
 *
 * @param auth   bearer-token auth
 * @param limits request body, page size and rate limits
 */
@Validated
@ConfigurationProperties("monitor.api")
public record SecuritySettings(@Valid @DefaultValue Auth auth, @Valid @DefaultValue Limits limits) {

    /** Shortest token accepted: a guessable token is worse than none, which generates one. */
    static final int MIN_TOKEN_LENGTH = 16;

    /**
     * Bearer-token auth ({@code monitor.api.auth.*}).
     *
     * @param token         {@code MONITOR_API_TOKEN}: full access; generated at start when no token is configured
     * @param operatorToken optional second token with full access (mutations, {@code /debug}, {@code /alerts/config})
     * @param viewerToken   optional token for reads only
     * @param publicReads   path patterns whose GET/HEAD needs no token (health and status by default)
     * @param tokenFile     where a generated token is written, readable by the owner only
     */
    public record Auth(String token, String operatorToken, String viewerToken, List<String> publicReads,
                       @NotBlank String tokenFile) {

        public Auth {
            token = blankToNull(token);
            operatorToken = blankToNull(operatorToken);
            viewerToken = blankToNull(viewerToken);
            publicReads = publicReads == null ? List.of() : List.copyOf(publicReads);
        }

        // a rule on the three values rather than @Size on each, so that a refused token is never shown in the message
        @AssertTrue(message = "token, operator-token and viewer-token must be at least " + MIN_TOKEN_LENGTH
                + " characters")
        boolean isTokensLongEnough() {
            return Stream.of(token, operatorToken, viewerToken)
                    .allMatch(t -> t == null || t.length() >= MIN_TOKEN_LENGTH);
        }

        // tokens are secrets: never print them
        @Override
        public String toString() {
            return "Auth[publicReads=" + publicReads + ", tokenFile=" + tokenFile + "]";
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

    /**
     * Request limits ({@code monitor.api.limits.*}).
     *
     * @param maxBodySize largest request body; larger ones get 413 before any parsing
     * @param maxPageSize largest page a paged endpoint returns
     * @param rateLimits  per-client token buckets by method and path pattern; excess gets 429 with Retry-After
     */
    public record Limits(@NotNull @DataSizeMin("1KB") DataSize maxBodySize, @Min(1) int maxPageSize,
                         List<@Valid RateLimit> rateLimits) {

        public Limits {
            rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        }
    }

    /**
     * One entry of {@code monitor.api.limits.rate-limits}.
     *
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
