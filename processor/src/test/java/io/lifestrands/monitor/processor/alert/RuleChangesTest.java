package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.ConfigChange.Change;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rule changes a task reports: the reporting task's, from the first non-empty rule set on. */
class RuleChangesTest {

    private static final AlertRule DOWN = DefaultRules.byName().get(DefaultRules.SERVICE_DOWN);
    private static final AlertRule GPU = DefaultRules.byName().get("gpu_memory_full");

    @Test
    void addedUpdatedAndDeletedRulesByName() {
        RuleBook before = book(DOWN, GPU);
        RuleBook after = book(DOWN.withThresholds(0, Duration.ofSeconds(5), null),
                DefaultRules.byName().get("high_latency"));

        assertThat(after.changesSince(before)).containsExactly(
                ConfigChange.ofRule("gpu_memory_full", Change.DELETED),
                ConfigChange.ofRule("high_latency", Change.ADDED),
                ConfigChange.ofRule("service_down", Change.UPDATED));
        assertThat(book(DOWN).changesSince(book(DOWN))).isEmpty();
    }

    @Test
    void theFirstNonEmptyRuleSetIsWhereTheReporterStarts() {
        RuleChanges changes = new RuleChanges(true, RuleBook.EMPTY);

        List<ConfigChange> seeded = changes.between(RuleBook.EMPTY, book(DOWN));
        List<ConfigChange> added = changes.between(book(DOWN), book(DOWN, GPU));
        List<ConfigChange> allDeleted = changes.between(book(DOWN, GPU), RuleBook.EMPTY);
        List<ConfigChange> addedAgain = changes.between(RuleBook.EMPTY, book(GPU));

        assertThat(seeded).isEmpty();
        assertThat(added).containsExactly(ConfigChange.ofRule("gpu_memory_full", Change.ADDED));
        assertThat(allDeleted).hasSize(2);
        assertThat(addedAgain).containsExactly(ConfigChange.ofRule("gpu_memory_full", Change.ADDED));
    }

    @Test
    void aTaskThatIsNotTheReporterReportsNothing() {
        RuleChanges changes = new RuleChanges(false, book(DOWN));

        assertThat(changes.between(book(DOWN), book(DOWN, GPU))).isEmpty();
    }

    private static RuleBook book(AlertRule... rules) {
        Map<String, byte[]> encoded = new HashMap<>();
        for (AlertRule rule : rules) {
            encoded.put(rule.name(), Json.encode(rule));
        }
        return RuleBook.EMPTY.refresh(encoded);
    }
}
