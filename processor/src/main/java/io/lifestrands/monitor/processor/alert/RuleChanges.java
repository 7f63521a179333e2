package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.ConfigChange;

import java.util.List;

/**
 * Which rule changes one task reports as configuration changes: only the task of partition 0 reports (so each change
 * is reported once per application), and only from the first non-empty rule set it saw on, so the rules restored at
 * start-up or seeded onto an empty topic are no change.
 */
final class RuleChanges {

    private final boolean reporter;
    private boolean sawRules;

    /**
     * @param reporter whether this task reports rule changes
     * @param initial  the rule set the task starts with
     */
    RuleChanges(boolean reporter, RuleBook initial) {
        this.reporter = reporter;
        this.sawRules = !initial.all().isEmpty();
    }

    /** The changes from {@code before} to {@code after} this task reports; call with every new rule set. */
    List<ConfigChange> between(RuleBook before, RuleBook after) {
        boolean report = reporter && sawRules;
        sawRules |= !after.all().isEmpty();
        return report ? after.changesSince(before) : List.of();
    }
}
