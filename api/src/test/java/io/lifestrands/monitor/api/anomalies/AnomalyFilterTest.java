package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.api.system.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyFilterTest {

    @Test
    void noParametersRestrictNothing() {
        AnomalyFilter filter = AnomalyFilter.parse(null, "", null, null, null, " ", null);

        assertThat(filter.where()).isEqualTo("true");
        assertThat(filter.params()).isEmpty();
    }

    @Test
    void stateAllIsNoRestrictionAndNamesAreCaseInsensitive() {
        AnomalyFilter filter = AnomalyFilter.parse("gateway", "latency_ms", "P95", "ALL", null, null, null);

        assertThat(filter.state()).isNull();
        assertThat(filter.statistic()).isEqualTo("p95");
        assertThat(filter.params()).containsExactly("gateway", "latency_ms", "p95");
    }

    @Test
    void aRangeSelectsTheEpisodesGoingOnInIt() {
        AnomalyFilter filter = AnomalyFilter.parse(null, null, null, "closed", "2026-01-01", "2026-01-02", null);

        assertThat(filter.where()).isEqualTo("true and state = ? and (ends_at is null or ends_at >= ?) "
                + "and starts_at < ?");
        assertThat(filter.params()).hasSize(3);
    }

    @Test
    void kindConsistencySelectsTheFindings() {
        AnomalyFilter filter = AnomalyFilter.parse(null, null, null, null, null, null, "consistency");

        assertThat(filter.where()).isEqualTo("true and kind = ?");
        assertThat(filter.params()).containsExactly("consistency");
        assertThatThrownBy(() -> AnomalyFilter.parse(null, null, null, null, null, null, "finding"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("kind must be one of [anomaly, consistency]");
    }

    @Test
    void badValuesNameTheParameter() {
        assertThatThrownBy(() -> AnomalyFilter.parse(null, null, "p42", null, null, null, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("statistic must be one of");
        assertThatThrownBy(() -> AnomalyFilter.parse(null, null, null, "firing", null, null, null))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("state must be one of [all, closed, open]");
        assertThatThrownBy(() -> AnomalyFilter.parse(null, null, null, null, "2026-01-02", "2026-01-01", null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("start must be before end");
    }
}
