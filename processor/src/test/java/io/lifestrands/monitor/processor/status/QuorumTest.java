package io.lifestrands.monitor.processor.status;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lifestrands.monitor.schema.ServiceStatus.DEGRADED;
import static io.lifestrands.monitor.schema.ServiceStatus.DOWN;
import static io.lifestrands.monitor.schema.ServiceStatus.MONITORING_FAILED;
import static io.lifestrands.monitor.schema.ServiceStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuorumTest {

    private final Quorum majority = new Quorum(0);

    @Test
    void oneCollectorDecidesAlone() {
        assertThat(majority.decide(List.of(DOWN))).isEqualTo(DOWN);
        assertThat(majority.decide(List.of(DEGRADED))).isEqualTo(DEGRADED);
        assertThat(majority.decide(List.of(UP))).isEqualTo(UP);
    }

    @Test
    void majorityMustSeeItDown() {
        assertThat(majority.decide(List.of(DOWN, UP))).isEqualTo(DEGRADED);
        assertThat(majority.decide(List.of(DOWN, DOWN))).isEqualTo(DOWN);
        assertThat(majority.decide(List.of(DOWN, UP, UP))).isEqualTo(DEGRADED);
        assertThat(majority.decide(List.of(DOWN, DOWN, UP))).isEqualTo(DOWN);
        assertThat(majority.decide(List.of(DOWN, DOWN, UP, UP))).isEqualTo(DEGRADED);
    }

    @Test
    void configuredQuorumIsCappedAtTheCollectorsThatReported() {
        Quorum three = new Quorum(3);

        assertThat(three.needed(2)).isEqualTo(2);
        assertThat(three.decide(List.of(DOWN, DOWN))).isEqualTo(DOWN);
        assertThat(three.decide(List.of(DOWN, DOWN, UP, UP))).isEqualTo(DEGRADED);
        assertThat(new Quorum(1).decide(List.of(DOWN, UP, UP))).isEqualTo(DOWN);
    }

    @Test
    void collectorsThatCouldNotCheckHaveNoVote() {
        assertThat(majority.decide(List.of(MONITORING_FAILED))).isEqualTo(MONITORING_FAILED);
        assertThat(majority.decide(List.of(MONITORING_FAILED, MONITORING_FAILED))).isEqualTo(MONITORING_FAILED);
        assertThat(majority.decide(List.of(MONITORING_FAILED, UP))).isEqualTo(UP);
        assertThat(majority.decide(List.of(MONITORING_FAILED, DOWN))).isEqualTo(DOWN);
        assertThat(majority.decide(List.of(MONITORING_FAILED, DOWN, UP))).isEqualTo(DEGRADED);
        assertThat(majority.describe(List.of(MONITORING_FAILED, DOWN, UP)))
                .isEqualTo("down for 1 of 2 collectors (quorum 2)");
    }

    @Test
    void rejectsANegativeQuorumAndNoVotes() {
        assertThatThrownBy(() -> new Quorum(-1)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> majority.decide(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
