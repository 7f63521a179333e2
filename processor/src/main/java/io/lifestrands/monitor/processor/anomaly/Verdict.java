package io.lifestrands.monitor.processor.anomaly;

import io.lifestrands.monitor.schema.AnomalyEpisode;

import java.util.Optional;

/**
 * What the detector makes of one window: the series' next state and the episode transition to announce, if any.
 *
 * @param state      to store for the series (the same object when the window changed nothing)
 * @param transition the episode that opened or closed with this window
 */
public record Verdict(SeriesState state, Optional<AnomalyEpisode> transition) {
}
