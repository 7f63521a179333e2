package io.lifestrands.monitor.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One series' synthetic week of one-minute p95 latencies with injected incidents, and their ground truth. Each
 * minute's p95 is the order statistic of that minute's requests: log-normal latencies with a 1 % Pareto tail, as
 * many requests as a diurnal traffic curve gives, around a level that rises with load and drifts slowly (a random
 * walk). Incidents multiply every latency of their minutes: 2x steps, slow ramps to 2.5x and one-minute spikes of
 * 3-10x, one per 6-hour slot after the first 3 hours, each ending at least 90 minutes before its slot does.
 *
 * @param p95            the p95 of each minute, in ms
 * @param requests       how many requests each minute had
 * @param incidents      what was injected where, in time order
 * @param medianMs       the series' median latency at the quietest hour, before drift
 * @param peakPerMinute  requests per minute at the busiest hour
 */
record SyntheticWeek(double[] p95, int[] requests, List<Incident> incidents, double medianMs, double peakPerMinute) {

    static final int MINUTES = 7 * 24 * 60;
    static final int FIRST_INCIDENT = 180;
    static final int SLOT = 360;
    static final double STEP = 2.0;
    static final double RAMP_PEAK = 2.5;
    static final double TAIL_FRACTION = 0.01;
    static final double TAIL_ALPHA = 1.5;

    enum Kind { STEP, RAMP, SPIKE }

    /** An injected incident over the minutes {@code first} to {@code last}, both included. */
    record Incident(Kind kind, int first, int last) {
    }

    /** The week of series {@code seed}: every figure of it follows from the seed. */
    static SyntheticWeek generate(long seed, int minutes) {
        SplittableRandom random = new SplittableRandom(seed);
        double peak = Math.exp(uniform(random, Math.log(100), Math.log(1000)));
        double median = Math.exp(uniform(random, Math.log(20), Math.log(800)));
        double sigma = uniform(random, 0.3, 0.6);
        double phase = uniform(random, 0, 1440);
        double[] multiplier = new double[minutes];
        Arrays.fill(multiplier, 1);
        List<Incident> incidents = inject(random, multiplier);
        double[] p95 = new double[minutes];
        int[] requests = new int[minutes];
        double[] latencies = new double[4 * (int) peak + 64];
        double drift = 0;
        for (int t = 0; t < minutes; t++) {
            drift += 0.002 * random.nextGaussian();
            double load = 0.5 - 0.5 * Math.cos(2 * Math.PI * (t - phase) / 1440);
            double expected = peak * (0.3 + 0.7 * load);
            int n = (int) Math.max(1, Math.min(latencies.length, Math.round(expected
                    + Math.sqrt(expected) * random.nextGaussian())));
            double level = median * (1 + 0.3 * load) * Math.exp(drift) * multiplier[t];
            for (int i = 0; i < n; i++) {
                latencies[i] = random.nextDouble() < TAIL_FRACTION
                        ? level * 3 * Math.pow(1 - random.nextDouble(), -1 / TAIL_ALPHA)
                        : level * Math.exp(sigma * random.nextGaussian());
            }
            requests[t] = n;
            p95[t] = select(latencies, n, (int) Math.floor(0.95 * (n - 1)));
        }
        return new SyntheticWeek(p95, requests, incidents, median, peak);
    }

    private static List<Incident> inject(SplittableRandom random, double[] multiplier) {
        List<Incident> incidents = new ArrayList<>();
        for (int slot = FIRST_INCIDENT; slot + SLOT <= multiplier.length; slot += SLOT) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            int length = switch (kind) {
                case STEP -> 20 + random.nextInt(71);
                case RAMP -> 30 + random.nextInt(91);
                case SPIKE -> 1;
            };
            int first = slot + random.nextInt(SLOT - length - 90);
            double spike = uniform(random, 3, 10);
            for (int t = first; t < first + length; t++) {
                multiplier[t] = switch (kind) {
                    case STEP -> STEP;
                    case RAMP -> 1 + (RAMP_PEAK - 1) * (t - first + 1) / length;
                    case SPIKE -> spike;
                };
            }
            incidents.add(new Incident(kind, first, first + length - 1));
        }
        return incidents;
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** The {@code rank}-th smallest of the first {@code n} values (0-based); reorders them. */
    static double select(double[] values, int n, int rank) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return values[rank];
            }
        }
        return values[rank];
    }
}
