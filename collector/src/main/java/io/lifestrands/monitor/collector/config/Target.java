package io.lifestrands.monitor.collector.config;

import io.lifestrands.monitor.schema.Names;
import org.springframework.boot.convert.DurationUnit;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One thing to probe.
 *
 * @param id             service id of its samples; a {@code system} target defaults to {@code host:<host-id>}
 * @param kind           which probe runs
 * @param url            base URL of an {@code http}, {@code model} or {@code prometheus} target
 * @param path           path an {@code http} target requests (default {@code /health}) or a {@code prometheus}
 *                       target scrapes (default {@code /metrics})
 * @param connection     how a {@code postgres} ({@code postgresql://user:pass@host:port/db} or a JDBC URL),
 *                       {@code redis} ({@code redis://[user:pass@]host:port[/db]}) or {@code kafka}
 *                       ({@code host:port[,host:port]}) target is reached
 * @param interval       how often; default {@code monitor.collector.default-interval}
 * @param timeout        how long one probe may take; default {@code monitor.collector.timeout}
 * @param expectedStatus HTTP status codes that count as up; empty = any status below 500
 * @param metrics        extra metrics by name: a JSON pointer into the body ({@code http}, {@code model}) or a series
 *                       selector such as {@code http_requests_total{code="500"}} ({@code prometheus})
 * @param queues         Redis keys whose length becomes metric {@code queue_size:<key>}
 * @param groups         Kafka consumer groups whose lag becomes metric {@code consumer_lag:<group>}
 * @param labels         labels added to every sample of this target
 */
public record Target(String id, TargetKind kind, URI url, String path, String connection,
                     @DurationUnit(ChronoUnit.SECONDS) Duration interval,
                     @DurationUnit(ChronoUnit.SECONDS) Duration timeout, List<Integer> expectedStatus,
                     Map<String, String> metrics, List<String> queues, List<String> groups,
                     Map<String, String> labels) {

    private static final Pattern ID = Names.ID;
    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql|postgres|postgresql)://.+");
    private static final Pattern REDIS_URL = Pattern.compile("rediss?://.+");
    private static final Pattern BOOTSTRAP = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]:]+:\\d{1,5}"
            + "(,[A-Za-z0-9_.\\-\\[\\]:]+:\\d{1,5})*");

    public Target {
        if (kind == null) {
            throw new IllegalArgumentException("kind of target '" + id + "' is required: http, model, system, "
                    + "postgres, redis, kafka or prometheus");
        }
        String defaultPath = kind == TargetKind.PROMETHEUS ? "/metrics" : "/health";
        path = path == null || path.isBlank() ? defaultPath : path.trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path of target '" + id + "' must start with /, was '" + path + "'");
        }
        connection = connection == null ? "" : connection.trim();
        expectedStatus = expectedStatus == null ? List.of() : List.copyOf(expectedStatus);
        for (Integer code : expectedStatus) {
            if (code == null || code < 100 || code > 599) {
                throw new IllegalArgumentException("expected-status of target '" + id
                        + "' must be HTTP codes 100-599, was " + expectedStatus);
            }
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        metrics.forEach((name, source) -> {
            if (!ID.matcher(name).matches() || source.isBlank()) {
                throw new IllegalArgumentException("metrics of target '" + id + "': name must match " + ID.pattern()
                        + " and source must not be blank, was '" + name + "' -> '" + source + "'");
            }
        });
        queues = queues == null ? List.of() : List.copyOf(queues);
        groups = groups == null ? List.of() : List.copyOf(groups);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        checkWhere(id, kind, url, connection);
    }

    private static void checkWhere(String id, TargetKind kind, URI url, String connection) {
        switch (kind) {
            case HTTP, MODEL, PROMETHEUS -> {
                if (url == null || url.getScheme() == null || url.getHost() == null
                        || !url.getScheme().toLowerCase(Locale.ROOT).matches("https?")) {
                    throw new IllegalArgumentException("url of target '" + id + "' must be an http(s) URL, was "
                            + url);
                }
            }
            case POSTGRES -> requireConnection(id, connection, POSTGRES_URL,
                    "postgresql://user:password@host:port/database or jdbc:postgresql://host:port/database");
            case REDIS -> requireConnection(id, connection, REDIS_URL, "redis://[user:password@]host:port[/db]");
            case KAFKA -> requireConnection(id, connection, BOOTSTRAP, "host:port[,host:port...]");
            case SYSTEM -> {
                // this host: nothing to reach
            }
        }
    }

    private static void requireConnection(String id, String connection, Pattern form, String expected) {
        if (!form.matcher(connection).matches()) {
            throw new IllegalArgumentException("connection of target '" + id + "' must be " + expected + ", was '"
                    + Secrets.mask(connection) + "'");
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

    /** The URL, or the connection with any password masked: what status pages and logs may show. */
    public String where() {
        return url != null ? url.toString() : Secrets.mask(connection);
    }

    /** Whether an HTTP status counts as up: one of {@code expectedStatus}, or below 500 when none are given. */
    public boolean expects(int status) {
        return expectedStatus.isEmpty() ? status < 500 : expectedStatus.contains(status);
    }

    @Override
    public String toString() {
        // the connection may carry a password: never let it reach a log line
        return "Target[id=" + id + ", kind=" + kind.name().toLowerCase(Locale.ROOT) + ", where=" + where()
                + ", path=" + path + ", interval=" + interval + ", timeout=" + timeout + "]";
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
        return new Target(resolvedId, kind, url, path, connection, resolvedInterval, resolvedTimeout, expectedStatus,
                metrics, queues, groups, labels);
    }
}
