package io.lifestrands.monitor.api.health;

import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor entry of {@code /health} from the state of the processor's consumer group. */
class ProcessorGroupTest {

    private static final String GROUP = "monitor-processor";

    @Test
    void upWhenStableWithAMember() {
        assertThat(ProcessorGroup.judge(GROUP, GroupState.STABLE, 1)).isEqualTo(Verdict.UP);
    }

    @Test
    void downWhenAbsentEmptyOrDeadNamingTheGroup() {
        Verdict down = new Verdict("down", "no processor instance in consumer group monitor-processor");

        assertThat(ProcessorGroup.judge(GROUP, null, 0)).isEqualTo(down);
        assertThat(ProcessorGroup.judge(GROUP, GroupState.EMPTY, 0)).isEqualTo(down);
        assertThat(ProcessorGroup.judge(GROUP, GroupState.DEAD, 0)).isEqualTo(down);
    }

    @Test
    void aRebalanceIsReportedAsSuch() {
        Verdict verdict = ProcessorGroup.judge(GROUP, GroupState.PREPARING_REBALANCE, 2);

        assertThat(verdict.status()).isEqualTo("rebalancing");
        assertThat(verdict.reason())
                .isEqualTo("consumer group monitor-processor is rebalancing (PreparingRebalance) with 2 instances");
    }
}
