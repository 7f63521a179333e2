package io.lifestrands.monitor.fleetsim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the demo fleet reports the traffic it served: the model, chat, NPC and summary services as OTLP/HTTP
 * histograms to {@code <collectorUrl>/v1/metrics}, the gateway as {@code request} samples to
 * {@code <collectorUrl>/ingest}.
 *
 * @param collectorUrl   the collector's base URL, e.g. {@code http://localhost:8006}; null: the fleet does not report
 * @param token          the collector's ingest bearer token, or null when it needs none
 * @param exportInterval how often the OTLP services export their delta histograms (&gt; 0)
 * @param ingestInterval how often the gateway pushes its buffered request samples (&gt; 0)
 * @param hostName       {@code host.name} of the OTLP resource and {@code host} of the pushed samples
 */
public record FleetReporting(String collectorUrl, String token, Duration exportInterval, Duration ingestInterval,
                             String hostName) {

    public static final Duration DEFAULT_EXPORT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INGEST_INTERVAL = Duration.ofSeconds(2);

    public FleetReporting {
        if (collectorUrl != null && collectorUrl.isBlank()) {
            collectorUrl = null;
        }
        if (collectorUrl != null && collectorUrl.endsWith("/")) {
            collectorUrl = collectorUrl.substring(0, collectorUrl.length() - 1);
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        requirePositive("exportInterval", exportInterval);
        requirePositive("ingestInterval", ingestInterval);
        Objects.requireNonNull(hostName, "hostName");
    }

    /** No reporting. */
    public static FleetReporting none() {
        return new FleetReporting(null, null, DEFAULT_EXPORT_INTERVAL, DEFAULT_INGEST_INTERVAL, localHostName());
    }

    /** Reporting to {@code collectorUrl} with the default intervals and this machine's name. */
    public static FleetReporting to(String collectorUrl, String token) {
        return new FleetReporting(collectorUrl, token, DEFAULT_EXPORT_INTERVAL, DEFAULT_INGEST_INTERVAL,
                localHostName());
    }

    /**
     * From {@code MONITOR_FLEET_COLLECTOR_URL}, {@code MONITOR_FLEET_INGEST_TOKEN} (blank or unset: the collector
     * falls back to the api token, so the fleet sends {@code MONITOR_API_TOKEN}),
     * {@code MONITOR_FLEET_EXPORT_INTERVAL} and {@code MONITOR_FLEET_INGEST_INTERVAL} (seconds, e.g. {@code 10s} or {@code 10}) and
     * {@code MONITOR_FLEET_HOST} (default: this machine's name).
     *
     * @throws IllegalArgumentException naming the variable when an interval is not a positive duration
     */
    public static FleetReporting fromEnv(Map<String, String> env) {
        String token = env.getOrDefault("MONITOR_FLEET_INGEST_TOKEN", "");
        token = token.isBlank() ? env.get("MONITOR_API_TOKEN") : token;
        return new FleetReporting(env.get("MONITOR_FLEET_COLLECTOR_URL"), token,
                seconds(env, "MONITOR_FLEET_EXPORT_INTERVAL", DEFAULT_EXPORT_INTERVAL),
                seconds(env, "MONITOR_FLEET_INGEST_INTERVAL", DEFAULT_INGEST_INTERVAL),
                env.getOrDefault("MONITOR_FLEET_HOST", localHostName()));
    }

    /** The same reporting with other intervals (tests export every second). */
    public FleetReporting withIntervals(Duration export, Duration ingest) {
        return new FleetReporting(collectorUrl, token, export, ingest, hostName);
    }

    /** Whether a collector URL is configured. */
    public boolean enabled() {
        return collectorUrl != null;
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String trimmed = text.trim();
        try {
            if (trimmed.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
            }
            return Duration.ofSeconds(Long.parseLong(trimmed.endsWith("s")
                    ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be seconds such as 10s, was '" + text + "'");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "fleet-sim";
        }
    }
}
