package io.lifestrands.monitor.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the JMH benchmarks of this module and writes their scores as {@code jmh.json}. */
final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    /**
     * @param include    regular expression over {@code <Class>.<method>} of this package's benchmarks
     * @param iterations measurement iterations (warm-up: half as many)
     * @param time       length of each iteration
     * @param forks      JVM forks; 0 runs in this JVM (only for smoke runs: figures are less trustworthy)
     */
    static Results run(String include, int iterations, Duration time, int forks) throws Exception {
        Options options = new OptionsBuilder()
                .include("^" + MicroBenchmarks.class.getPackageName().replace(".", "\\.") + "\\.(" + include + ")$")
                .forks(forks)
                .warmupIterations(Math.max(1, iterations / 2))
                .warmupTime(TimeValue.milliseconds(time.toMillis()))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(time.toMillis()))
                .jvmArgsAppend("-Xmx512m")
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, Object> scores = new LinkedHashMap<>();
        for (RunResult run : runs) {
            String label = run.getParams().getBenchmark().replace(MicroBenchmarks.class.getPackageName() + ".", "");
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("score", Math.round(run.getPrimaryResult().getScore() * 10) / 10.0);
            score.put("error", Math.round(run.getPrimaryResult().getScoreError() * 10) / 10.0);
            score.put("unit", run.getPrimaryResult().getScoreUnit());
            scores.put(label, score);
        }
        if (scores.isEmpty()) {
            throw new IllegalStateException("no JMH benchmark matched '" + include + "'");
        }
        return Results.of("jmh").put("benchmarks", scores.size()).put("scores", scores);
    }
}
