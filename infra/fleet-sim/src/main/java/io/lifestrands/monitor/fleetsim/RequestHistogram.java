package io.lifestrands.monitor.fleetsim;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The service times a simulated service answered with, as a Prometheus histogram with the client libraries' default
 * buckets, rendered in the text exposition format on {@code GET /metrics}.
 */
final class RequestHistogram {

    static final String NAME = "http_request_duration_seconds";
    /** The Prometheus client libraries' default buckets, in seconds. */
    static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final AtomicLongArray buckets = new AtomicLongArray(DEFAULT_BUCKETS.length + 1);
    private final DoubleAdder sumSeconds = new DoubleAdder();

    void observe(long millis) {
        double seconds = millis / 1000.0;
        int index = 0;
        while (index < DEFAULT_BUCKETS.length && seconds > DEFAULT_BUCKETS[index]) {
            index++;
        }
        buckets.incrementAndGet(index);
        sumSeconds.add(seconds);
    }

    /** The histogram of {@code service} in the text exposition format, cumulative buckets ending with +Inf. */
    String render(String service) {
        StringBuilder out = new StringBuilder()
                .append("# HELP ").append(NAME).append(" Simulated service time of answered requests.\n")
                .append("# TYPE ").append(NAME).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i <= DEFAULT_BUCKETS.length; i++) {
            cumulative += buckets.get(i);
            String le = i < DEFAULT_BUCKETS.length ? format(DEFAULT_BUCKETS[i]) : "+Inf";
            out.append(NAME).append("_bucket{service=\"").append(service).append("\",le=\"").append(le)
                    .append("\"} ").append(cumulative).append('\n');
        }
        out.append(NAME).append("_sum{service=\"").append(service).append("\"} ")
                .append(format(sumSeconds.sum())).append('\n');
        out.append(NAME).append("_count{service=\"").append(service).append("\"} ").append(cumulative).append('\n');
        return out.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
