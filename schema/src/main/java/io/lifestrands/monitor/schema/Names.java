package io.lifestrands.monitor.schema;

import java.util.regex.Pattern;

/**
 * The names every module shares, defined once: the id pattern and the metric names and prefixes that the
 * collector writes, the processor windows and alerts on, and the api reads.
 */
public final class Names {

    /** Every id: service, host, metric, label name, rule name, resolution. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");
    /** The metric of a sample's {@code latency_ms}: request or probe response time in milliseconds. */
    public static final String LATENCY_MS = "latency_ms";
    /** Prefix of a business event's metric, {@code event:<name>}, from an {@code event} sample's {@code labels.event}. */
    public static final String EVENT_PREFIX = "event:";

    private Names() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
