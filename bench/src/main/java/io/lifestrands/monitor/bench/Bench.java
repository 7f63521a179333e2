package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.anomaly.AnomalySettings;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of the end-to-end benchmarks:
 * {@code Bench <p1|p2|p2otlp|p3|p4|p5|p6|p7|p8|p9|p9alert|q1|q2|jmh> [key=value ...]}.
 * Each writes {@code target/results/<name>.json} and prints a {@code RESULT} line; bench/run.sh builds and starts it.
 */
public final class Bench {

    private static final String USAGE =
            "usage: Bench <p1|p2|p2otlp|p3|p4|p5|p6|p7|p8|p9|p9alert|q1|q2|jmh> [key=value ...]";

    private Bench() {
    }

    /**
     * Runs the benchmark and always ends the process: embedded servers and Kafka clients leave non-daemon threads
     * behind, so a benchmark that failed (e.g. p9 without Prometheus installed) would otherwise hang after its error.
     */
    public static void main(String[] args) {
        System.exit(exitCode(args, System.err));
    }

    /**
     * 0 when the benchmark ran; 1 when it could not run (an unknown name, a bad value, a missing tool) or failed, with
     * its reason printed to {@code err}; 2 without a benchmark name or with a parameter that is not key=value (usage
     * printed).
     */
    static int exitCode(String[] args, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> parameters;
        try {
            parameters = parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            run(args[0], parameters);
            return 0;
        } catch (Exception e) {
            err.println("Benchmark " + args[0] + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Runs one benchmark with parameters; missing ones take the defaults documented in docs/bench.md. */
    static Results run(String name, Map<String, String> p) throws Exception {
        Results results = switch (name) {
            case "p1" -> ProcessorThroughput.run(integer(p, "records", 300_000), integer(p, "services", 5),
                    seconds(p, "timeout", 600));
            case "p2" -> IngestThroughput.run(seconds(p, "duration", 30), integer(p, "clients", 4),
                    integer(p, "batch", 100));
            case "p2otlp" -> OtlpIngestThroughput.run(seconds(p, "duration", 30), integer(p, "clients", 4),
                    integer(p, "batch", 100), integer(p, "observations", 100));
            case "p3" -> PercentileAccuracy.run(integer(p, "minutes", 120), integer(p, "per_minute", 1_000),
                    integer(p, "seed", 42));
            case "p7" -> RestLatency.run(seconds(p, "duration", 30), integer(p, "rate", 200),
                    integer(p, "connections", 10));
            case "p8" -> ProcessorMemory.run(integer(p, "series", 10_000), integer(p, "samples", 10),
                    seconds(p, "timeout", 600));
            case "p9" -> PrometheusComparison.run(seconds(p, "duration", 120), integer(p, "rate", 100),
                    integer(p, "scrape_s", 1));
            case "p9alert" -> "ours".equals(p.getOrDefault("system", "prometheus"))
                    ? OurAlertDelay.run(p.getOrDefault("intervals", "tuned"), integer(p, "runs", 3))
                    : AlertDelay.run(p.getOrDefault("intervals", "tuned"), integer(p, "runs", 3));
            case "p5" -> LiveLatency.run("p5-sample-to-websocket-" + p.getOrDefault("type", "status_change"),
                    LiveLatency.scenario(p.getOrDefault("type", "status_change")), integer(p, "services", 20),
                    Duration.ofMillis(integer(p, "spacing_ms", 500)), 1, 0, seconds(p, "timeout", 150));
            case "p4" -> AlertLatency.run(integer(p, "faults", 10), Duration.ofMillis(integer(p, "spacing_ms", 1000)),
                    seconds(p, "timeout", 180));
            case "p6" -> LiveLatency.run("p6-websocket-fan-out",
                    LiveLatency.scenario(p.getOrDefault("type", "status_change")),
                    integer(p, "services", 20), Duration.ofMillis(integer(p, "spacing_ms", 500)),
                    integer(p, "clients", 990), integer(p, "slow", 10), seconds(p, "timeout", 150));
            case "q2" -> SloBurnDelay.run(integers(p, "rates", List.of(1, 5, 50)),
                    decimal(p, "steady_burn", 0.9));
            case "q1" -> AnomalyDetection.run(integer(p, "series", 100), integer(p, "seed", 42),
                    anomalySettings(p));
            case "jmh" -> MicroBenchmarks.run(p.getOrDefault("include", ".*"), integer(p, "iterations", 5),
                    seconds(p, "time", 2), integer(p, "forks", 1));
            default -> throw new IllegalArgumentException("benchmark must be p1, p2, p2otlp, p3, p4, p5, p6, p7, p8, "
                    + "p9, p9alert, q1, q2 or jmh, was '" + name + "'");
        };
        results.write();
        return results;
    }

    static Map<String, String> parse(List<String> args) {
        Map<String, String> parsed = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameters are key=value, was '" + arg + "'");
            }
            parsed.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return parsed;
    }

    /**
     * The detector's settings: its defaults, each replaceable by the parameter named as its variable without the
     * {@code MONITOR_ANOMALY_} prefix, in lower case ({@code threshold=4 persistence=3/5 history=90}).
     */
    private static AnomalySettings anomalySettings(Map<String, String> p) {
        Map<String, String> env = new HashMap<>();
        p.forEach((key, value) -> env.put("MONITOR_ANOMALY_" + key.toUpperCase(Locale.ROOT), value));
        return AnomalySettings.fromEnv(env);
    }

    private static int integer(Map<String, String> p, String key, int fallback) {
        String text = p.get(key);
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was '" + text + "'", e);
        }
    }

    private static List<Integer> integers(Map<String, String> p, String key, List<Integer> fallback) {
        String text = p.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return List.of(text.split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be integers separated by commas, was '" + text + "'", e);
        }
    }

    private static double decimal(Map<String, String> p, String key, double fallback) {
        String text = p.get(key);
        try {
            return text == null ? fallback : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + text + "'", e);
        }
    }

    private static Duration seconds(Map<String, String> p, String key, int fallback) {
        return Duration.ofSeconds(integer(p, key, fallback));
    }
}
