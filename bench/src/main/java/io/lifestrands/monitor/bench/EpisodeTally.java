package io.lifestrands.monitor.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores one detector's episodes against the injected incidents of many {@link SyntheticWeek}s. A detector is
 * judged by when it is in an episode after each minute; an episode opens where that starts. An opening belongs to
 * a step or ramp from its first minute to {@value #SETTLE} minutes after its last, and to a spike from its minute to
 * {@value #SPIKE_REACH} minutes after; any other opening is a false episode. A step or ramp is detected at the first
 * of its minutes that ends in an episode; the delay runs from its start to that minute's end.
 */
final class EpisodeTally {

    static final int SETTLE = 10;
    static final int SPIKE_REACH = 5;

    private long episodes;
    private long falseEpisodes;
    private long seriesWithFalseEpisodes;
    private long incidentEpisodes;
    private long spikes;
    private long spikesRaising;
    private final List<Integer> stepDelays = new ArrayList<>();
    private long steps;
    /** Steps and those found within 3 minutes, by requests in the step's first minute: < 100, < 300, more. */
    private final long[] stepsByTraffic = new long[3];
    private final long[] stepsWithin3ByTraffic = new long[3];
    private final List<Integer> rampDelays = new ArrayList<>();
    private long ramps;

    void add(SyntheticWeek week, boolean[] inEpisode) {
        List<Integer> openings = new ArrayList<>();
        for (int t = 0; t < inEpisode.length; t++) {
            if (inEpisode[t] && (t == 0 || !inEpisode[t - 1])) {
                openings.add(t);
            }
        }
        episodes += openings.size();
        long falseBefore = falseEpisodes;
        for (int opening : openings) {
            boolean belongs = week.incidents().stream().anyMatch(incident -> opening >= incident.first()
                    && opening <= incident.last() + (incident.kind() == SyntheticWeek.Kind.SPIKE ? SPIKE_REACH
                    : SETTLE));
            falseEpisodes += belongs ? 0 : 1;
            incidentEpisodes += belongs ? 1 : 0;
        }
        seriesWithFalseEpisodes += falseEpisodes > falseBefore ? 1 : 0;
        for (SyntheticWeek.Incident incident : week.incidents()) {
            switch (incident.kind()) {
                case STEP -> {
                    steps++;
                    Optional<Integer> delay = delay(incident, inEpisode);
                    delay.ifPresent(stepDelays::add);
                    int requests = week.requests()[incident.first()];
                    int band = requests < 100 ? 0 : requests < 300 ? 1 : 2;
                    stepsByTraffic[band]++;
                    stepsWithin3ByTraffic[band] += delay.filter(d -> d <= 3).isPresent() ? 1 : 0;
                }
                case RAMP -> {
                    ramps++;
                    delay(incident, inEpisode).ifPresent(rampDelays::add);
                }
                case SPIKE -> {
                    spikes++;
                    spikesRaising += openings.stream().anyMatch(o -> o >= incident.first()
                            && o <= incident.first() + SPIKE_REACH) ? 1 : 0;
                }
            }
        }
    }

    double falsePerSeriesWeek(int series) {
        return (double) falseEpisodes / series;
    }

    /** Share of steps, in %, detected within {@code minutes}. */
    double stepsWithin(int minutes) {
        return steps == 0 ? 0 : 100.0 * stepDelays.stream().filter(d -> d <= minutes).count() / steps;
    }

    long spikesRaising() {
        return spikesRaising;
    }

    Map<String, Object> figures(int series) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("episodes", episodes);
        out.put("false_episodes", falseEpisodes);
        out.put("false_per_series_week", round(falsePerSeriesWeek(series)));
        out.put("series_with_false_episodes", seriesWithFalseEpisodes);
        out.put("episodes_opened_in_incidents", incidentEpisodes);
        out.put("steps", steps);
        out.put("steps_within_3m_pct", round(stepsWithin(3)));
        out.put("steps_detected_pct", round(steps == 0 ? 0 : 100.0 * stepDelays.size() / steps));
        out.put("step_delay_min", quantiles(stepDelays));
        Map<String, Object> byTraffic = new LinkedHashMap<>();
        String[] bands = {"under_100_per_min", "100_to_300_per_min", "300_per_min_and_more"};
        for (int band = 0; band < bands.length; band++) {
            byTraffic.put(bands[band], stepsWithin3ByTraffic[band] + " of " + stepsByTraffic[band]);
        }
        out.put("steps_within_3m_by_requests", byTraffic);
        out.put("ramps", ramps);
        out.put("ramps_detected_pct", round(ramps == 0 ? 0 : 100.0 * rampDelays.size() / ramps));
        out.put("ramp_delay_min", quantiles(rampDelays));
        out.put("spikes", spikes);
        out.put("spikes_raising_an_episode", spikesRaising);
        return out;
    }

    private static Optional<Integer> delay(SyntheticWeek.Incident incident, boolean[] inEpisode) {
        for (int t = incident.first(); t <= incident.last(); t++) {
            if (inEpisode[t]) {
                return Optional.of(t - incident.first() + 1);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> quantiles(List<Integer> delays) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (delays.isEmpty()) {
            return out;
        }
        List<Integer> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        out.put("p50", sorted.get((sorted.size() - 1) / 2));
        out.put("p90", sorted.get((int) Math.floor(0.9 * (sorted.size() - 1))));
        out.put("max", sorted.get(sorted.size() - 1));
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
