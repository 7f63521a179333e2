package io.lifestrands.monitor.api.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * An SLO with where it stands, as {@code GET /slo} and the WebSocket's {@code slo_status} show it: the definition,
 * and the processor's latest {@link SloStatus}. Every figure nothing backs yet is {@code null} (no status yet, or no
 * events in that window), never 0.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SloView(String id, String service, Slo.Kind kind, double objective, Duration window, Double thresholdMs,
                      Slo.Source source, String description, Long good, Long total, Double budgetRemaining,
                      Double windowCovered, @JsonProperty("burn_5m") Double burn5m,
                      @JsonProperty("burn_30m") Double burn30m, @JsonProperty("burn_1h") Double burn1h,
                      @JsonProperty("burn_6h") Double burn6h, @JsonProperty("burn_3d") Double burn3d, Instant asOf) {

    /** The definition with its status; the status counts only when it was made for this SLO's service and kind. */
    static SloView of(Slo slo, SloStatus status) {
        boolean fits = status != null && status.service().equals(slo.service()) && status.kind() == slo.kind()
                && status.source() == slo.source();
        if (!fits) {
            return new SloView(slo.id(), slo.service(), slo.kind(), slo.objective(), slo.window(), slo.thresholdMs(),
                    slo.source(), slo.description(), null, null, null, null, null, null, null, null, null, null);
        }
        return new SloView(slo.id(), slo.service(), slo.kind(), slo.objective(), slo.window(), slo.thresholdMs(),
                slo.source(), slo.description(), status.good(), status.total(), status.budgetRemaining(),
                status.windowCovered(), status.burn5m(), status.burn30m(), status.burn1h(), status.burn6h(),
                status.burn3d(), status.asOf());
    }
}
