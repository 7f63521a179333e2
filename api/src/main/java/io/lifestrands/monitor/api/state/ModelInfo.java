package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.MetricWindow;

import java.time.Instant;
import java.util.Map;

/**
 * What the api knows of the model a service runs, as the model probe reports it: labels {@code model_type}
 * ({@code /status} {@code current_model_type}) and {@code platform}, and the metric {@code last_load_epoch_s}
 * ({@code /status} {@code last_load_time}, a number or an ISO-8601 text, in epoch seconds).
 *
 * @param modelType   the loaded model type; absent when the service's latest labelled sample has none
 * @param platform    e.g. {@code windows-vulkan}; absent likewise
 * @param loadedAt    when the model was last loaded; absent when the service reports no load time
 */
public record ModelInfo(String modelType, String platform, Instant loadedAt) {

    static final String MODEL_TYPE = "model_type";
    static final String PLATFORM = "platform";
    static final String LAST_LOAD = "last_load_epoch_s";

    /**
     * @param labels   the labels of the service's latest labelled sample
     * @param lastLoad the service's current {@code last_load_epoch_s} window, or null
     */
    static ModelInfo of(Map<String, String> labels, MetricWindow lastLoad) {
        Instant loadedAt = null;
        if (lastLoad != null && lastLoad.count() > 0) {
            loadedAt = Instant.ofEpochMilli(Math.round(MetricsView.current(lastLoad) * 1000));
        }
        return new ModelInfo(labels.get(MODEL_TYPE), labels.get(PLATFORM), loadedAt);
    }
}
