package io.lifestrands.monitor.collector.config;

import org.springframework.boot.convert.DurationUnit;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One thing to probe.
 *
 * @param id       service id of its samples; a {@code system} target defaults to {@code host:<host-id>}
 * @param kind     which probe runs
 * @param url      base URL of an {@code http} or {@code model} target, e.g. {@code http://localhost:8001}
 * @param path     path an {@code http} target requests, default {@code /health}
 * @param interval how often; default {@code monitor.collector.default-interval}
 * @param timeout  how long one request may take; default {@code monitor.collector.timeout}
 * @param labels   labels added to every sample of this target
 */
public record Target(String id, TargetKind kind, URI url, String path,
                     @DurationUnit(ChronoUnit.SECONDS) Duration interval,
                     @DurationUnit(ChronoUnit.SECONDS) Duration timeout, Map<String, String> labels) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

    public Target {
        if (kind == null) {
            throw new IllegalArgumentException("kind of target '" + id + "' is required: http, model or system");
        }
        path = path == null || path.isBlank() ? "/health" : path.trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path of target '" + id + "' must start with /, was '" + path + "'");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (kind != TargetKind.SYSTEM) {
            if (url == null || url.getScheme() == null || url.getHost() == null
                    || !url.getScheme().toLowerCase(Locale.ROOT).matches("https?")) {
                throw new IllegalArgumentException("url of target '" + id + "' must be an http(s) URL, was " + url);
            }
        }
    }

    /** The URL {@code path} of this target's base URL, e.g. {@code http://localhost:8001/vram}. */
    public URI resolve(String subPath) {
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + subPath);
    }

    Target withDefaults(Duration defaultInterval, Duration defaultTimeout, String hostId) {
        String resolvedId = (id == null || id.isBlank()) && kind == TargetKind.SYSTEM ? "host:" + hostId : id;
        if (resolvedId == null || !ID.matcher(resolvedId).matches()) {
            throw new IllegalArgumentException("id of a " + kind.name().toLowerCase(Locale.ROOT) + " target must match "
                    + ID.pattern() + ", was '" + resolvedId + "'");
        }
        Duration resolvedInterval = interval == null ? defaultInterval : interval;
        Duration resolvedTimeout = timeout == null ? defaultTimeout : timeout;
        if (resolvedInterval.isNegative() || resolvedInterval.isZero()
                || resolvedTimeout.isNegative() || resolvedTimeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout of target '" + resolvedId + "' must be > 0, were "
                    + resolvedInterval + " and " + resolvedTimeout);
        }
        return new Target(resolvedId, kind, url, path, resolvedInterval, resolvedTimeout, labels);
    }
}
