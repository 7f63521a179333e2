package io.lifestrands.monitor.processor.anomaly;

import java.util.Arrays;

/**
 * The robust baseline of a history: its median and its median absolute deviation (MAD), the MAD floored so that a
 * flat series does not turn every wobble into a huge score. The score is Iglewicz and Hoaglin's modified z-score,
 * {@code 0.6745 (x - median) / MAD}, about a standard z-score for normal data.
 *
 * @param median the median of the history
 * @param scale  the MAD, at least {@code madFloor |median|} and {@code absoluteFloor}
 */
record Baseline(double median, double scale) {

    /** The MAD of a normal distribution is 0.6745 standard deviations. */
    static final double MAD_PER_SIGMA = 0.6745;

    /** @param history at least one value */
    static Baseline of(double[] history, double madFloor, double absoluteFloor) {
        double[] sorted = history.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(sorted);
        double mad = median(sorted);
        return new Baseline(median, Math.max(mad, Math.max(madFloor * Math.abs(median), absoluteFloor)));
    }

    double score(double value) {
        return MAD_PER_SIGMA * (value - median) / scale;
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
