package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Severity;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Configuration changes through the production topology: a rule added, updated or deleted on the rules topic, and the
 * api's {@code config_change} event, each an info {@code configuration_change} alert that fires and resolves at once;
 * the rule set a processor starts with is no change.
 */
class ConfigChangeTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void theRuleSetAProcessorStartsWithIsNoChange() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.wallClockAt(Duration.ofSeconds(10));

            assertThat(fixture.alerts.isEmpty()).isTrue();
        }
    }

    @Test
    void aRuleAddedUpdatedAndDeletedIsReportedEachTimeOnTheWallClock() {
        try (AlertTopologyFixture fixture = started()) {
            AlertRule queueBacklog = DefaultRules.byName().get("queue_backlog");
            AlertRule added = queueBacklog.withThresholds(10, Duration.ZERO, null);

            fixture.rules.pipeInput("queue_backlog", queueBacklog.withThresholds(80, Duration.ofMinutes(5), null));
            fixture.wallClockAt(Duration.ofSeconds(3));
            fixture.rules.pipeInput("queue_backlog", null);
            fixture.wallClockAt(Duration.ofSeconds(4));
            fixture.rules.pipeInput("queue_backlog", added);
            fixture.wallClockAt(Duration.ofSeconds(5));

            List<TestRecord<String, AlertEvent>> events = fixture.alerts.readRecordsToList();
            assertThat(events).extracting(r -> r.value().rule(), r -> r.value().severity(), r -> r.value().service(),
                            r -> r.value().state(), r -> r.value().labels().get("change"), TestRecord::timestamp)
                    .containsExactly(
                            tuple("configuration_change", Severity.INFO, "monitor", AlertState.FIRING, "updated",
                                    T0.plusSeconds(3).toEpochMilli()),
                            tuple("configuration_change", Severity.INFO, "monitor", AlertState.RESOLVED, "updated",
                                    T0.plusSeconds(3).toEpochMilli()),
                            tuple("configuration_change", Severity.INFO, "monitor", AlertState.FIRING, "deleted",
                                    T0.plusSeconds(4).toEpochMilli()),
                            tuple("configuration_change", Severity.INFO, "monitor", AlertState.RESOLVED, "deleted",
                                    T0.plusSeconds(4).toEpochMilli()),
                            tuple("configuration_change", Severity.INFO, "monitor", AlertState.FIRING, "added",
                                    T0.plusSeconds(5).toEpochMilli()),
                            tuple("configuration_change", Severity.INFO, "monitor", AlertState.RESOLVED, "added",
                                    T0.plusSeconds(5).toEpochMilli()));
            assertThat(events.get(0).value().labels())
                    .isEqualTo(Map.of("subject", "alert_rule:queue_backlog", "change", "updated"));
            assertThat(events.get(0).value().message())
                    .isEqualTo("configuration changed: alert_rule:queue_backlog updated");
        }
    }

    @Test
    void theSameRuleWrittenAgainUnchangedIsNoChange() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.withRules(DefaultRules.all());
            fixture.wallClockAt(Duration.ofSeconds(5));

            assertThat(fixture.alerts.isEmpty()).isTrue();
        }
    }

    @Test
    void everyChangeIsAnEpisodeOfItsOwnEvenWhileTheSameSubjectChangedJustBefore() {
        try (AlertTopologyFixture fixture = started()) {
            AlertRule queueBacklog = DefaultRules.byName().get("queue_backlog");

            fixture.rules.pipeInput("queue_backlog", queueBacklog.withThresholds(80, Duration.ofMinutes(5), null));
            fixture.wallClockAt(Duration.ofSeconds(3));
            fixture.rules.pipeInput("queue_backlog", queueBacklog.withThresholds(90, Duration.ofMinutes(5), null));
            fixture.wallClockAt(Duration.ofSeconds(4));

            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::state)
                    .containsExactly(AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING, AlertState.RESOLVED);
        }
    }

    @Test
    void theApisConfigChangeEventIsTheSameInfoAlert() {
        try (AlertTopologyFixture fixture = started()) {
            Sample event = new ConfigChange("notification_settings", ConfigChange.Change.UPDATED)
                    .toSample("api-1", T0.plusSeconds(3));

            fixture.pipe(event);

            assertThat(fixture.alerts.readValuesToList())
                    .extracting(AlertEvent::rule, AlertEvent::service, AlertEvent::state, AlertEvent::labels,
                            AlertEvent::message, AlertEvent::startsAt)
                    .containsExactly(
                            tuple("configuration_change", "monitor", AlertState.FIRING,
                                    Map.of("subject", "notification_settings", "change", "updated"),
                                    "configuration changed: notification_settings updated", T0.plusSeconds(3)),
                            tuple("configuration_change", "monitor", AlertState.RESOLVED,
                                    Map.of("subject", "notification_settings", "change", "updated"),
                                    "configuration changed: notification_settings updated", T0.plusSeconds(3)));
        }
    }

    @Test
    void withTheRuleDeletedNoChangeIsReported() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.rules.pipeInput(DefaultRules.CONFIGURATION_CHANGE, null);
            fixture.wallClockAt(Duration.ofSeconds(3));

            fixture.pipe(new ConfigChange("notification_settings", ConfigChange.Change.UPDATED)
                    .toSample("api-1", T0.plusSeconds(3)));
            fixture.rules.pipeInput("queue_backlog", null);
            fixture.wallClockAt(Duration.ofSeconds(5));

            assertThat(fixture.alerts.isEmpty()).isTrue();
        }
    }

    private AlertTopologyFixture started() {
        return new AlertTopologyFixture(stateDir, Duration.ofSeconds(1)).withRules(DefaultRules.all());
    }
}
