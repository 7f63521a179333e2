package io.lifestrands.monitor.api.health;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.api.state.ModelInfo;

import java.time.Instant;
import java.util.Objects;

/**
 * Body of {@code GET /health/{service}}: the service's health and, for a service that reports a model (the model
 * service), the seed's {@code model_type}, {@code platform} and {@code model_load_time}; each of these is left out
 * when unknown.
 *
 * @param health        the fields of {@link ServiceHealth}, at the top level
 * @param modelType     the loaded model type
 * @param platform      e.g. {@code windows-vulkan}
 * @param modelLoadTime when the model was last loaded ({@code /status} {@code last_load_time})
 */
record ServiceHealthDetail(@JsonUnwrapped ServiceHealth health, String modelType, String platform,
                           Instant modelLoadTime) {

    ServiceHealthDetail {
        Objects.requireNonNull(health, "health");
    }

    static ServiceHealthDetail of(ServiceHealth health, ModelInfo model) {
        return new ServiceHealthDetail(health, model.modelType(), model.platform(), model.loadedAt());
    }
}
