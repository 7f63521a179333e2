package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.InvalidFieldsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SloTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);

    @Test
    void defaultsToTrafficAndKnowsItsErrorBudget() {
        Slo slo = new Slo(null, "gw-avail", "gateway", Slo.Kind.AVAILABILITY, 0.999, DAYS_30, null, null, null);

        assertThat(slo.source()).isEqualTo(Slo.Source.TRAFFIC);
        assertThat(slo.errorBudget()).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void namesEveryBrokenFieldWithItsReason() {
        assertThatThrownBy(() -> new Slo(null, "bad id", "gateway", Slo.Kind.LATENCY, 1.0, Duration.ofDays(31),
                null, null, null))
                .isInstanceOf(InvalidFieldsException.class)
                .hasMessageContaining("id")
                .hasMessageContaining("objective")
                .hasMessageContaining("must be between 1h and 30d")
                .hasMessageContaining("threshold_ms");
    }

    @Test
    void anAvailabilitySloTakesNoThreshold() {
        assertThatThrownBy(() -> new Slo(null, "a", "gateway", Slo.Kind.AVAILABILITY, 0.99, DAYS_30, 300.0, null,
                null)).hasMessageContaining("must be absent for an availability SLO");
    }
}
