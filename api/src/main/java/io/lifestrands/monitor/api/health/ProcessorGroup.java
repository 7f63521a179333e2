package io.lifestrands.monitor.api.health;

import org.apache.kafka.common.GroupState;

/**
 * Whether the processor runs, judged from its Kafka Streams consumer group (group id = its application id): every
 * running instance is a member, and the group is stable once the instances have their tasks.
 */
final class ProcessorGroup {

    private ProcessorGroup() {
    }

    /**
     * @param state   the group's state; null when the broker knows no such group
     * @param members how many members the group has
     */
    static Verdict judge(String groupId, GroupState state, int members) {
        if (state == null || state == GroupState.EMPTY || state == GroupState.DEAD || members == 0) {
            return new Verdict(DependencyHealth.DOWN, "no processor instance in consumer group " + groupId);
        }
        return switch (state) {
            case STABLE -> Verdict.UP;
            case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING -> new Verdict(
                    DependencyHealth.REBALANCING, "consumer group " + groupId + " is rebalancing (" + state + ") with "
                    + members + (members == 1 ? " instance" : " instances"));
            default -> new Verdict(DependencyHealth.UNKNOWN, "consumer group " + groupId + " is in state " + state);
        };
    }
}
