package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.T0;
import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The alert engine inside the production topology: samples and status changes in, alert events out. */
class AlertTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void serviceDownFiresOnTheWallClockWithNoFurtherSample() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(31));
            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::state)
                    .containsExactly(AlertState.PENDING);

            fixture.wallClockAt(Duration.ofSeconds(33));

            List<TestRecord<String, AlertEvent>> fired = fixture.alerts.readRecordsToList();
            assertThat(fired).extracting(r -> r.value().rule(), r -> r.value().state(), TestRecord::timestamp)
                    .containsExactly(tuple("service_down", AlertState.FIRING, T0.plusSeconds(32).toEpochMilli()));
            assertThat(fired.get(0).key()).isEqualTo(fired.get(0).value().fingerprint());
            assertThat(fired.get(0).value().message()).isEqualTo("gateway is down");
        }
    }

    @Test
    void restartInTheMiddleOfPendingFiresOnTimeAndOnce() {
        Map<String, AlertStateRecord> restored;
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(15));
            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::state)
                    .containsExactly(AlertState.PENDING);
            restored = fixture.changelogOfAlertStates();
        }

        try (AlertTopologyFixture restarted = new AlertTopologyFixture(stateDir, Duration.ofSeconds(16))) {
            restarted.restoreAlertStates(restored);
            restarted.withRules(DefaultRules.all());
            restarted.wallClockAt(Duration.ofSeconds(31));
            assertThat(restarted.alerts.isEmpty()).isTrue();

            restarted.wallClockAt(Duration.ofSeconds(120));

            assertThat(restarted.alerts.readRecordsToList())
                    .extracting(r -> r.value().state(), TestRecord::timestamp)
                    .containsExactly(tuple(AlertState.FIRING, T0.plusSeconds(32).toEpochMilli()));
        }
    }

    @Test
    void restartWhileFiringNeitherRefiresNorLosesTheResolution() {
        Map<String, AlertStateRecord> restored;
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(40));
            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::state)
                    .containsExactly(AlertState.PENDING, AlertState.FIRING);
            restored = fixture.changelogOfAlertStates();
        }

        try (AlertTopologyFixture restarted = new AlertTopologyFixture(stateDir, Duration.ofSeconds(41))) {
            restarted.restoreAlertStates(restored);
            restarted.withRules(DefaultRules.all());
            restarted.wallClockAt(Duration.ofSeconds(60));
            restarted.pipe(probe("gateway", T0.plusSeconds(60), true, Map.of()));
            restarted.wallClockAt(Duration.ofSeconds(70));

            assertThat(restarted.alerts.readValuesToList()).extracting(AlertEvent::state, AlertEvent::id)
                    .containsExactly(tuple(AlertState.RESOLVED,
                            Fingerprint.of(DefaultRules.SERVICE_DOWN, "gateway", Map.of()) + "-"
                                    + T0.plusSeconds(2).toEpochMilli()));
        }
    }

    @Test
    void recoveryResolvesTheFiringAlertOnce() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(40));

            fixture.pipe(probe("gateway", T0.plusSeconds(40), true, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(100));

            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::state, AlertEvent::endsAt)
                    .containsExactly(tuple(AlertState.PENDING, null), tuple(AlertState.FIRING, null),
                            tuple(AlertState.RESOLVED, T0.plusSeconds(40)));
        }
    }

    @Test
    void modelTypeLabelChangeIsAModelSwitchEvent() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("model_service", T0.plusSeconds(2), true, Map.of("model_type", "chat")));
            fixture.pipe(probe("model_service", T0.plusSeconds(3), true, Map.of("model_type", "chat")));
            fixture.pipe(probe("model_service", T0.plusSeconds(4), true, Map.of("model_type", "summary")));
            fixture.pipe(probe("model_service", T0.plusSeconds(5), true, Map.of("model_type", "summary")));

            assertThat(fixture.alerts.readValuesToList())
                    .extracting(AlertEvent::rule, AlertEvent::severity, AlertEvent::state)
                    .containsExactly(tuple("model_switch", Severity.INFO, AlertState.FIRING),
                            tuple("model_switch", Severity.INFO, AlertState.RESOLVED));
        }
    }

    @Test
    void instanceIdChangeIsAServiceRestartEvent() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("chat_service", T0.plusSeconds(2), true, Map.of("instance_id", "a")));
            fixture.pipe(probe("chat_service", T0.plusSeconds(3), true, Map.of("instance_id", "b")));

            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::rule, AlertEvent::state)
                    .containsExactly(tuple("service_restart", AlertState.FIRING));
        }
    }

    @Test
    void databaseOutageSilencesWarningsOfDependentServicesButNotTheirResolution() {
        try (AlertTopologyFixture fixture = started()) {
            restartDuringDatabaseOutage(fixture);

            assertThat(withoutConfigChanges(fixture.alerts.readValuesToList()))
                    .extracting(AlertEvent::rule, AlertEvent::state)
                    .containsExactly(tuple("database_unreachable", AlertState.PENDING),
                            tuple("database_unreachable", AlertState.FIRING),
                            tuple("service_restart", AlertState.FIRING),
                            tuple("restart_warning", AlertState.RESOLVED),
                            tuple("service_restart", AlertState.RESOLVED));
        }
    }

    @Test
    void outageFiringOnAnotherInstanceSilencesWarningsHereToo() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.withRules(List.of(restartWarning()));
            String fingerprint = Fingerprint.of(DefaultRules.DATABASE_UNREACHABLE, "postgres", Map.of());
            fixture.alertsOfOtherInstances.pipeInput(fingerprint, new AlertEvent(1, fingerprint + "-1", fingerprint,
                    DefaultRules.DATABASE_UNREACHABLE, Severity.CRITICAL, "postgres", AlertState.FIRING, 0, 0,
                    "database postgres is unreachable", T0, null, Map.of()));

            fixture.pipe(probe("npc_service", T0.plusSeconds(2), true, Map.of("instance_id", "a")));
            fixture.pipe(probe("npc_service", T0.plusSeconds(3), true, Map.of("instance_id", "b")));
            fixture.pipe(probe("npc_service", T0.plusSeconds(4), true, Map.of("instance_id", "b")));

            assertThat(fixture.alerts.readValuesToList()).filteredOn(e -> e.rule().equals("restart_warning"))
                    .extracting(AlertEvent::state).containsExactly(AlertState.RESOLVED);
        }
    }

    @Test
    void withoutAnOutageTheSameWarningFires() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.withRules(List.of(restartWarning()));

            fixture.pipe(probe("npc_service", T0.plusSeconds(2), true, Map.of("instance_id", "a")));
            fixture.pipe(probe("npc_service", T0.plusSeconds(3), true, Map.of("instance_id", "b")));

            assertThat(fixture.alerts.readValuesToList()).filteredOn(e -> e.rule().equals("restart_warning"))
                    .extracting(AlertEvent::state).containsExactly(AlertState.FIRING);
        }
    }

    /**
     * Warnings and the critical {@code service_down} watch the same condition with the same {@code for}, so all
     * become due in the same punctuation. Whichever order the alert states have in the store (it follows their
     * fingerprints, i.e. mostly the rule names), the inhibitor is evaluated first and every warning's firing is
     * withheld; only its resolution is announced.
     */
    @Test
    void aWarningDueInTheSameTickAsItsInhibitorIsInhibitedWhateverTheStoreOrder() {
        List<String> services = List.of("svc-a", "svc-b");
        List<AlertRule> warnings = "abcdefgh".chars().mapToObj(c -> new AlertRule(1, "down_warning_" + (char) c,
                Severity.WARNING, "*", DefaultRules.UP, Statistic.LAST, null, Comparison.EQ, 0,
                Duration.ofSeconds(30), null, "{service} is down (warning)", Map.of(), null, 0, null, null)).toList();
        // the test is blind unless both store orders occur
        assertThat(warnings).anyMatch(w -> sortsBeforeServiceDown(w, services.get(0)))
                .anyMatch(w -> !sortsBeforeServiceDown(w, services.get(0)));
        try (AlertTopologyFixture fixture = started()) {
            fixture.withRules(warnings);
            services.forEach(s -> fixture.pipe(probe(s, T0.plusSeconds(3), false, Map.of())));
            fixture.wallClockAt(Duration.ofSeconds(40));
            services.forEach(s -> fixture.pipe(probe(s, T0.plusSeconds(40), true, Map.of())));
            fixture.wallClockAt(Duration.ofSeconds(42));

            List<AlertEvent> events = fixture.alerts.readValuesToList();
            for (String service : services) {
                assertThat(events).as(service).filteredOn(e -> e.rule().equals(DefaultRules.SERVICE_DOWN)
                                && e.service().equals(service)).extracting(AlertEvent::state)
                        .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
                for (AlertRule warning : warnings) {
                    assertThat(events).as(warning.name() + " on " + service)
                            .filteredOn(e -> e.rule().equals(warning.name()) && e.service().equals(service))
                            .extracting(AlertEvent::state).containsExactly(AlertState.PENDING, AlertState.RESOLVED);
                }
            }
        }
    }

    private static boolean sortsBeforeServiceDown(AlertRule warning, String service) {
        return Fingerprint.of(warning.name(), service, Map.of())
                .compareTo(Fingerprint.of(DefaultRules.SERVICE_DOWN, service, Map.of())) < 0;
    }

    @Test
    void aRuleOfSeveralMetricsAlertsPerSeriesAndRetiresTheSeriesItNoLongerSelects() {
        try (AlertTopologyFixture fixture = new AlertTopologyFixture(stateDir, Duration.ofSeconds(1),
                UnaryOperator.identity()).withRules(DefaultRules.all())) {
            AlertRule backlog = new AlertRule(1, "backlog", Severity.WARNING, "*", "queue_size:*,queue_depth",
                    Statistic.LAST, null, Comparison.GT, 50, null, null, "{labels.metric} of {service}: {value}",
                    Map.of(), null, 0, null, null);
            fixture.withRules(List.of(backlog));
            fixture.pipe(probe("redis", T0.plusSeconds(2), true, Map.of())
                    .with(Map.of("queue_size:jobs", 60.0, "queue_size:mail", 10.0), Map.of()));
            fixture.pipe(probe("model_service", T0.plusSeconds(2), true, Map.of())
                    .with(Map.of("queue_depth", 60.0), Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(5));

            fixture.withRules(List.of(new AlertRule(1, "backlog", Severity.WARNING, "*", "queue_size:*",
                    Statistic.LAST, null, Comparison.GT, 50, null, null, "{labels.metric} of {service}: {value}",
                    Map.of(), null, 0, null, null)));

            List<AlertEvent> events = fixture.alerts.readValuesToList().stream()
                    .filter(e -> e.rule().equals("backlog")).toList();
            assertThat(events).extracting(AlertEvent::state, AlertEvent::service, AlertEvent::labels,
                            AlertEvent::message)
                    .containsExactlyInAnyOrder(
                            tuple(AlertState.FIRING, "redis", Map.of("metric", "queue_size:jobs"),
                                    "queue_size:jobs of redis: 60"),
                            tuple(AlertState.FIRING, "model_service", Map.of("metric", "queue_depth"),
                                    "queue_depth of model_service: 60"),
                            tuple(AlertState.RESOLVED, "model_service", Map.of("metric", "queue_depth"),
                                    "queue_depth of model_service: 60"));
            assertThat(events.get(events.size() - 1).state()).isEqualTo(AlertState.RESOLVED);
            assertThat(events.get(0).fingerprint()).isNotEqualTo(events.get(1).fingerprint());
        }
    }

    @Test
    void ruleChangedOnTheTopicAppliesToAPendingAlertWithoutRestart() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(5));
            AlertRule serviceDown = DefaultRules.byName().get(DefaultRules.SERVICE_DOWN);

            fixture.withRules(List.of(serviceDown.withThresholds(0, Duration.ofSeconds(5), null)));
            fixture.wallClockAt(Duration.ofSeconds(10));

            assertThat(withoutConfigChanges(fixture.alerts.readValuesToList())).extracting(AlertEvent::state)
                    .containsExactly(AlertState.PENDING, AlertState.FIRING);
        }
    }

    @Test
    void deletedRuleResolvesItsFiringAlert() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(40));

            fixture.rules.pipeInput(DefaultRules.SERVICE_DOWN, null);
            fixture.wallClockAt(Duration.ofSeconds(42));

            assertThat(fixture.alerts.readValuesToList()).extracting(AlertEvent::rule, AlertEvent::state)
                    .containsExactly(tuple(DefaultRules.SERVICE_DOWN, AlertState.PENDING),
                            tuple(DefaultRules.SERVICE_DOWN, AlertState.FIRING),
                            tuple(DefaultRules.CONFIGURATION_CHANGE, AlertState.FIRING),
                            tuple(DefaultRules.CONFIGURATION_CHANGE, AlertState.RESOLVED),
                            tuple(DefaultRules.SERVICE_DOWN, AlertState.RESOLVED));
        }
    }

    @Test
    void ruleDeletedAndRestoredStartsAFreshEpisodeInsteadOfReusingTheDeletedState() {
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(40));
            fixture.rules.pipeInput(DefaultRules.SERVICE_DOWN, null);
            fixture.wallClockAt(Duration.ofSeconds(42));
            String fingerprint = Fingerprint.of(DefaultRules.SERVICE_DOWN, "gateway", Map.of());
            assertThat(fixture.driver.<String, AlertStateRecord>getKeyValueStore(AlertProcessor.STATE_STORE)
                    .get(fingerprint)).isNull();

            fixture.withRules(List.of(DefaultRules.byName().get(DefaultRules.SERVICE_DOWN)));
            fixture.pipe(probe("gateway", T0.plusSeconds(45), true, Map.of()));
            fixture.pipe(probe("gateway", T0.plusSeconds(50), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(100));

            List<AlertEvent> events = withoutConfigChanges(fixture.alerts.readValuesToList());
            assertThat(events).extracting(AlertEvent::state, AlertEvent::id)
                    .containsExactly(tuple(AlertState.PENDING, episode(fingerprint, 2)),
                            tuple(AlertState.FIRING, episode(fingerprint, 2)),
                            tuple(AlertState.RESOLVED, episode(fingerprint, 2)),
                            tuple(AlertState.PENDING, events.get(3).id()),
                            tuple(AlertState.FIRING, events.get(3).id()));
            // the second episode starts with the second outage, not with the deleted state's
            assertThat(events.get(3).startsAt()).isAfter(T0.plusSeconds(45));
        }
    }

    @Test
    void restartedInstanceReadsThePendingStateForANewObservationAndFiresOnTime() {
        Map<String, AlertStateRecord> restored;
        try (AlertTopologyFixture fixture = started()) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(15));
            restored = fixture.changelogOfAlertStates();
        }

        try (AlertTopologyFixture restarted = new AlertTopologyFixture(stateDir, Duration.ofSeconds(16))) {
            restarted.restoreAlertStates(restored);
            restarted.withRules(DefaultRules.all());
            // observations after the restart go through the decoded states; they must continue the timer
            restarted.pipe(probe("gateway", T0.plusSeconds(18), false, Map.of()));
            restarted.pipe(probe("gateway", T0.plusSeconds(25), false, Map.of()));
            restarted.wallClockAt(Duration.ofSeconds(31));
            assertThat(restarted.alerts.isEmpty()).isTrue();

            restarted.wallClockAt(Duration.ofSeconds(60));

            assertThat(restarted.alerts.readRecordsToList())
                    .extracting(r -> r.value().state(), r -> r.value().startsAt(), TestRecord::timestamp)
                    .containsExactly(tuple(AlertState.FIRING, T0.plusSeconds(2), T0.plusSeconds(32).toEpochMilli()));
        }
    }

    @Test
    void inhibitionSeesTheOutageEndAsSoonAsTheDatabaseRecovers() {
        try (AlertTopologyFixture fixture = started()) {
            restartDuringDatabaseOutage(fixture);

            // recovery comes as an observation, not on a tick: the next warning must not be inhibited any more
            fixture.pipe(probe("postgres", T0.plusSeconds(23), true, Map.of()));
            fixture.pipe(probe("chat_service", T0.plusSeconds(24), true, Map.of("instance_id", "c")));

            assertThat(fixture.alerts.readValuesToList())
                    .filteredOn(e -> e.rule().equals("restart_warning")
                            || e.rule().equals(DefaultRules.DATABASE_UNREACHABLE))
                    .extracting(AlertEvent::rule, AlertEvent::state)
                    .containsExactly(tuple("database_unreachable", AlertState.PENDING),
                            tuple("database_unreachable", AlertState.FIRING),
                            tuple("restart_warning", AlertState.RESOLVED),
                            tuple("database_unreachable", AlertState.RESOLVED),
                            tuple("restart_warning", AlertState.FIRING));
        }
    }

    /** postgres down from second 2 (fires at 12), chat_service restarts at second 21 while it is down. */
    private static void restartDuringDatabaseOutage(AlertTopologyFixture fixture) {
        fixture.withRules(List.of(restartWarning()));
        fixture.pipe(probe("postgres", T0.plusSeconds(2), false, Map.of()));
        fixture.wallClockAt(Duration.ofSeconds(20));
        fixture.pipe(probe("chat_service", T0.plusSeconds(20), true, Map.of("instance_id", "a")));
        fixture.pipe(probe("chat_service", T0.plusSeconds(21), true, Map.of("instance_id", "b")));
        fixture.pipe(probe("chat_service", T0.plusSeconds(22), true, Map.of("instance_id", "b")));
    }

    /** The alerts but the info alerts of the rule changes a test makes on the way. */
    private static List<AlertEvent> withoutConfigChanges(List<AlertEvent> events) {
        return events.stream().filter(e -> !e.rule().equals(DefaultRules.CONFIGURATION_CHANGE)).toList();
    }

    private static String episode(String fingerprint, long second) {
        return fingerprint + "-" + T0.plusSeconds(second).toEpochMilli();
    }

    private AlertTopologyFixture started() {
        return new AlertTopologyFixture(stateDir, Duration.ofSeconds(1)).withRules(DefaultRules.all());
    }

    private static AlertRule restartWarning() {
        return new AlertRule(1, "restart_warning", Severity.WARNING, "*", DefaultRules.SERVICE_RESTART,
                Statistic.LAST, null, Comparison.GT, 0, null, null, "{service} restarted", Map.of(), null, 0, null,
                null);
    }
}
