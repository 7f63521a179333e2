package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor entry of {@code /health} from heartbeats and the consumer group's verdict, at a fixed time. */
class ProcessorHealthTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);
    private static final String CAUSE = "StreamsException: Updating global state failed.; caused by "
            + "OffsetOutOfRangeException: Fetch position out of range for partition monitor.alert-rules.v1-0";
    /** What /health shows of it: the types, not the messages, which may name hosts, files or credentials. */
    private static final String TYPES = "StreamsException; caused by OffsetOutOfRangeException";
    private static final Verdict GROUP_DOWN = new Verdict("down",
            "no processor instance in consumer group monitor-processor");
    private static final Verdict GROUP_REBALANCING = new Verdict("rebalancing",
            "consumer group monitor-processor is rebalancing (PreparingRebalance) with 2 instances");

    @Test
    void withoutAnyHeartbeatTheGroupDecides() {
        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(), NOW)).isEqualTo(Verdict.UP);
        assertThat(ProcessorHealth.judge(GROUP_DOWN, List.of(), NOW)).isEqualTo(GROUP_DOWN);
    }

    @Test
    void upWhileAFreshHeartbeatSaysRunningAndTheGroupIsNotDown() {
        InstanceHeartbeat running = instance(heartbeat("a", "RUNNING", NOW.minusSeconds(15)));

        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(running), NOW)).isEqualTo(Verdict.UP);
        assertThat(ProcessorHealth.judge(GROUP_REBALANCING, List.of(running), NOW)).isEqualTo(Verdict.UP);
        assertThat(ProcessorHealth.judge(new Verdict("unknown", "consumer group not described"), List.of(running),
                NOW)).isEqualTo(Verdict.UP);
    }

    @Test
    void aRunningHeartbeatDoesNotOverruleAGroupWithoutMembers() {
        InstanceHeartbeat running = instance(heartbeat("a", "RUNNING", NOW));

        assertThat(ProcessorHealth.judge(GROUP_DOWN, List.of(running), NOW)).isEqualTo(GROUP_DOWN);
    }

    @Test
    void aClientInErrorIsDownWithItsCauseAndPendingRestartWhileItsGroupLooksStable() {
        ProcessorHeartbeat error = new ProcessorHeartbeat(null, "a", "monitor-processor", "ERROR",
                T0.plusMillis(1500), NOW, 1, CAUSE, "cluster");

        Verdict verdict = ProcessorHealth.judge(Verdict.UP, List.of(new InstanceHeartbeat(error, error)), NOW);

        assertThat(verdict).isEqualTo(new Verdict("down",
                "processor a: ERROR since 2026-01-01T00:00:01Z (" + TYPES + "), restart 2 pending"));
    }

    @Test
    void aClientStartingAgainAfterItsFailureIsStillDown() {
        ProcessorHeartbeat error = new ProcessorHeartbeat(null, "a", "monitor-processor", "ERROR", T0, T0, 0, CAUSE,
                "cluster");
        ProcessorHeartbeat restarting = new ProcessorHeartbeat(null, "a", "monitor-processor", "REBALANCING",
                T0.plusSeconds(1), NOW, 1, CAUSE, "cluster");

        Verdict verdict = ProcessorHealth.judge(GROUP_REBALANCING, List.of(new InstanceHeartbeat(restarting, error)),
                NOW);

        assertThat(verdict).isEqualTo(new Verdict("down",
                "processor a: REBALANCING since 2026-01-01T00:00:01Z, restart 1 after ERROR (" + TYPES + ")"));
    }

    @Test
    void aRoutineRebalanceIsReportedAsSuch() {
        InstanceHeartbeat rebalancing = instance(heartbeat("a", "REBALANCING", NOW));

        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(rebalancing), NOW)).isEqualTo(new Verdict(
                "rebalancing", "processor a: REBALANCING since 2026-01-01T00:00:00Z"));
    }

    @Test
    void aStoppedInstanceIsDown() {
        InstanceHeartbeat stopped = instance(heartbeat("a", "NOT_RUNNING", NOW));

        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(stopped), NOW)).isEqualTo(new Verdict("down",
                "processor a: NOT_RUNNING since 2026-01-01T00:00:00Z"));
    }

    @Test
    void heartbeatsOlderThanThreeIntervalsAreStaleWhateverTheyOrTheGroupSay() {
        InstanceHeartbeat running = instance(heartbeat("a", "RUNNING", NOW.minusSeconds(40)));
        InstanceHeartbeat older = instance(heartbeat("b", "RUNNING", NOW.minusSeconds(90)));

        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(older, running), NOW)).isEqualTo(new Verdict("down",
                "no processor heartbeat for 40 s"));
    }

    @Test
    void oneRunningInstanceIsEnoughAndStaleOnesAreIgnored() {
        InstanceHeartbeat running = instance(heartbeat("a", "RUNNING", NOW));
        InstanceHeartbeat gone = instance(heartbeat("b", "ERROR", NOW.minusSeconds(3600)));
        InstanceHeartbeat stopped = instance(heartbeat("c", "NOT_RUNNING", NOW));

        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(gone, stopped, running), NOW)).isEqualTo(Verdict.UP);
    }

    @Test
    void everyFreshInstanceThatIsNotRunningIsNamed() {
        InstanceHeartbeat stopped = instance(heartbeat("b", "NOT_RUNNING", NOW));
        InstanceHeartbeat stopping = instance(heartbeat("a", "PENDING_SHUTDOWN", NOW));

        assertThat(ProcessorHealth.judge(Verdict.UP, List.of(stopped, stopping), NOW).reason()).isEqualTo(
                "processor a: PENDING_SHUTDOWN since 2026-01-01T00:00:00Z; "
                        + "processor b: NOT_RUNNING since 2026-01-01T00:00:00Z");
    }

    private static InstanceHeartbeat instance(ProcessorHeartbeat latest) {
        return new InstanceHeartbeat(latest, null);
    }

    /** A heartbeat sent at {@code ts} by an instance in {@code state} since {@link #T0} (or ts, when earlier). */
    private static ProcessorHeartbeat heartbeat(String instance, String state, Instant ts) {
        Instant since = ts.isBefore(T0) ? ts : T0;
        return new ProcessorHeartbeat(null, instance, "monitor-processor", state, since, ts, 0, null, "cluster");
    }
}
