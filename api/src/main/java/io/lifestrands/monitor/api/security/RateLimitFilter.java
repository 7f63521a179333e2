package io.lifestrands.monitor.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per configured (method, path pattern) and client: the caller's token name, else its address.
 * A request beyond the bucket gets 429 with {@code Retry-After} in whole seconds. Runs after authentication, so an
 * unauthenticated flood gets 401 and cannot use up an operator's budget.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_BUCKETS = 10_000;

    private final List<Limit> limits;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(List<SecuritySettings.RateLimit> settings, Clock clock) {
        PathPatternParser parser = new PathPatternParser();
        this.limits = settings.stream().map(s -> new Limit(s, parser.parse(s.path()))).toList();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = PathContainer.parsePath(Problems.path(request));
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            if (limit.settings.method().equals(request.getMethod()) && limit.pattern.matches(path)) {
                long waitMs = take(i + "|" + client(request), limit.settings);
                if (waitMs > 0) {
                    response.setHeader("Retry-After", Long.toString(Math.max(1, (waitMs + 999) / 1000)));
                    Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate limit of "
                            + limit.settings.permits() + " per " + limit.settings.period() + " exceeded for "
                            + limit.settings.method() + " " + limit.settings.path());
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String client(HttpServletRequest request) {
        Object principal = request.getAttribute(TokenAuthFilter.PRINCIPAL);
        return principal == null || "anonymous".equals(principal) ? "addr:" + request.getRemoteAddr()
                : "token:" + principal;
    }

    /** Takes a permit; returns 0 when granted, else milliseconds until the next permit. */
    private long take(String key, SecuritySettings.RateLimit limit) {
        if (buckets.size() > MAX_BUCKETS) {
            // bounded memory under a flood of addresses; a cleared bucket only grants its client a fresh budget
            buckets.clear();
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.permits(), now));
        synchronized (bucket) {
            double perMs = limit.permits() / (double) limit.period().toMillis();
            bucket.tokens = Math.min(limit.permits(), bucket.tokens + (now - bucket.updatedMs) * perMs);
            bucket.updatedMs = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perMs);
        }
    }

    private record Limit(SecuritySettings.RateLimit settings, PathPattern pattern) {
    }

    private static final class Bucket {
        private double tokens;
        private long updatedMs;

        Bucket(double tokens, long updatedMs) {
            this.tokens = tokens;
            this.updatedMs = updatedMs;
        }
    }
}
