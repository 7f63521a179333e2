package io.lifestrands.monitor.fleetsim;

import java.util.Random;

/** A reading that wanders slowly around a mean (a mean-reverting random walk), clamped to a plausible range. */
final class Drift {

    private static final double REVERSION = 0.05;

    private final Random random;
    private final double mean;
    private final double step;
    private final double min;
    private final double max;
    private double value;

    Drift(Random random, double mean, double step, double min, double max) {
        this.random = random;
        this.mean = mean;
        this.step = step;
        this.min = min;
        this.max = max;
        this.value = mean;
    }

    /** Moves one step and returns the new value. */
    synchronized double next() {
        value += REVERSION * (mean - value) + step * random.nextGaussian();
        value = Math.max(min, Math.min(max, value));
        return value;
    }

    /** The next value rounded to a whole number, for counts. */
    long nextCount() {
        return Math.round(next());
    }

    /** The next value rounded to one decimal, as services usually report rates. */
    double nextRounded() {
        return Math.round(next() * 10) / 10.0;
    }
}
