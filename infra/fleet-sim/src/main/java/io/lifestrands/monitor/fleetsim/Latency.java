package io.lifestrands.monitor.fleetsim;

import java.time.Duration;
import java.util.Random;

/** Log-normal response times around a median with rare slow outliers, the shape real services show. */
final class Latency {

    private static final double SIGMA = 0.35;
    private static final double OUTLIER_PROBABILITY = 0.01;
    private static final long CAP_MS = 2_000;

    private final double medianMs;
    private final Random random;

    Latency(Duration median, Random random) {
        this.medianMs = median.toMillis();
        this.random = random;
    }

    /** The next simulated service time in milliseconds, at most 2 s. */
    long nextMillis() {
        double ms = medianMs * Math.exp(SIGMA * random.nextGaussian());
        if (random.nextDouble() < OUTLIER_PROBABILITY) {
            ms *= 4 + 6 * random.nextDouble();
        }
        return Math.min(CAP_MS, Math.round(ms));
    }
}
