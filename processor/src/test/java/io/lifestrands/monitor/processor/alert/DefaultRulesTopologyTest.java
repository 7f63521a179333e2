package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Severity;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.T0;
import static io.lifestrands.monitor.processor.alert.ProbeSamples.HOST_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Every default rule fires through the production topology (live views, status, alert engine, production serdes
 * and settings) from samples shaped as the collector's probes build them ({@link ProbeSamples}), at their real
 * intervals: 5 s for the fleet's services, 30 s for the database, Redis and the host. Each firing comes no earlier
 * than the rule's {@code for} after its episode started; a healthy fleet fires nothing.
 */
class DefaultRulesTopologyTest {

    private static final int FLEET_EVERY_S = 5;
    private static final int INFRA_EVERY_S = 30;
    private static final Duration LIVE_PANE = Duration.ofSeconds(10);
    private static final int QUIET_TICK_S = 5;

    @TempDir
    Path stateDir;
    private AlertTopologyFixture fixture;
    private final List<TestRecord<String, AlertEvent>> events = new ArrayList<>();

    @BeforeEach
    void start() {
        // production settings, live views included; windows and status in memory: the driver commits every second
        fixture = new AlertTopologyFixture(stateDir, Duration.ofSeconds(1), settings -> settings
                .withInMemoryStores(true)).withRules(DefaultRules.all());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Any rule whose condition held would announce a pending alert at once; none does. */
    @Test
    void aHealthyFleetFiresNothing() {
        run(150, second -> healthy(second, true));

        assertThat(events).isEmpty();
    }

    @Test
    void serviceDownFiresForARefusingService() {
        run(90, second -> {
            List<Sample> samples = healthy(second, false);
            if (every(second, FLEET_EVERY_S)) {
                samples.add(ProbeSamples.failed("gateway", at(second), "connection refused"));
            }
            return samples;
        });

        assertFiredOnTime(DefaultRules.SERVICE_DOWN, "gateway", Map.of());
    }

    @Test
    void databaseUnreachableFiresForATimingOutDatabase() {
        run(90, second -> {
            List<Sample> samples = healthy(second, true);
            samples.removeIf(s -> s.service().equals("postgres"));
            if (every(second, INFRA_EVERY_S)) {
                samples.add(ProbeSamples.failed("postgres", at(second), "timeout: Connect timed out"));
            }
            return samples;
        });

        assertFiredOnTime(DefaultRules.DATABASE_UNREACHABLE, "postgres", Map.of());
        assertThat(rules()).doesNotContain(DefaultRules.SERVICE_DOWN);
    }

    @Test
    void monitoringFailedWarnsAtOnceWithTheCollectorsErrorAndResolvesWhenAProbeSucceeds() {
        run(60, second -> {
            List<Sample> samples = healthy(second, false);
            if (every(second, FLEET_EVERY_S)) {
                samples.add(second <= 40
                        ? ProbeSamples.notPerformed("gateway", at(second), "unknown host no-such-host.invalid")
                        : ProbeSamples.gateway(at(second), 45));
            }
            return samples;
        });

        assertThat(events).extracting(r -> r.value().rule(), r -> r.value().severity(), r -> r.value().service(),
                        r -> r.value().state(), r -> r.value().message(), TestRecord::timestamp)
                .containsExactly(
                        tuple(DefaultRules.MONITORING_FAILED, Severity.WARNING, "gateway", AlertState.FIRING,
                                "Monitoring failed for gateway: unknown host no-such-host.invalid",
                                at(5).toEpochMilli()),
                        tuple(DefaultRules.MONITORING_FAILED, Severity.WARNING, "gateway", AlertState.RESOLVED,
                                "Monitoring failed for gateway: unknown host no-such-host.invalid",
                                at(45).toEpochMilli()));
    }

    @Test
    void gpuMemoryFullFiresForTheModelServiceAndForTheHostGpu() {
        run(150, second -> List.of(
                ProbeSamples.model(at(second), 97.5, 38, 2, "chat", null),
                ProbeSamples.system(at(second), 30, 50, 60, 97.5)).stream()
                .filter(s -> every(second, s.service().equals(HOST_SERVICE) ? INFRA_EVERY_S : FLEET_EVERY_S))
                .toList());

        assertFiredOnTime("gpu_memory_full", "model_service", Map.of("metric", "vram_used_pct"));
        assertFiredOnTime("gpu_memory_full", HOST_SERVICE, Map.of("metric", "gpu_memory_pct"));
        assertThat(firing("gpu_memory_full", "model_service").message())
                .isEqualTo("GPU memory usage of model_service is 97.5 % (limit 95 %, vram_used_pct)");
    }

    @Test
    void highLatencyFiresWhenTheFiveMinuteP95StaysAboveTwoSeconds() {
        run(400, second -> every(second, FLEET_EVERY_S) ? List.of(ProbeSamples.gateway(at(second), 2500)) : List.of());

        assertFiredOnTime("high_latency", "gateway", Map.of());
    }

    @Test
    void highLatencyReadsOtlpHistogramsInSecondsAsMilliseconds() {
        run(400, second -> every(second, FLEET_EVERY_S)
                ? List.of(otlpLatency("chat", at(second), 2.5), otlpLatency("search", at(second), 1.5)) : List.of());

        assertFiredOnTime("high_latency", "chat", Map.of());
        assertThat(firing("high_latency", "chat").value()).isCloseTo(2500, withinPercentage(1));
        assertThat(events).filteredOn(r -> r.value().service().equals("search")).isEmpty();
    }

    @Test
    void highLatencyJudgesTrafficAndNotTheSlowProbeWhenThereIsTraffic() {
        run(400, second -> every(second, FLEET_EVERY_S)
                ? List.of(request("gateway", at(second), 100), ProbeSamples.gateway(at(second), 2500)) : List.of());

        assertThat(events).filteredOn(r -> r.value().rule().equals("high_latency")).isEmpty();
    }

    @Test
    void highLatencyJudgesSlowTrafficWhileTheProbeIsFast() {
        run(400, second -> every(second, FLEET_EVERY_S)
                ? List.of(request("gateway", at(second), 2500), ProbeSamples.gateway(at(second), 45)) : List.of());

        assertFiredOnTime("high_latency", "gateway", Map.of());
    }

    @Test
    void highLatencyFallsBackToTheProbeOnceTrafficStoppedForTheRulesRange() {
        run(800, second -> {
            if (!every(second, FLEET_EVERY_S)) {
                return List.of();
            }
            List<Sample> samples = new ArrayList<>();
            if (second <= 60) {
                samples.add(request("gateway", at(second), 100));
            }
            samples.add(ProbeSamples.gateway(at(second), 2500));
            return samples;
        });

        assertFiredOnTime("high_latency", "gateway", Map.of());
        TestRecord<String, AlertEvent> pending = first("high_latency", "gateway", Map.of(), AlertState.PENDING);
        assertThat(Instant.ofEpochMilli(pending.timestamp()))
                .isAfterOrEqualTo(at(60).plus(Duration.ofMinutes(5)).minus(LIVE_PANE));
        assertThat(rules()).containsOnly("high_latency");
    }

    @Test
    void errorRateFiresWhenHalfTheRequestsFail() {
        run(240, second -> {
            if (!every(second, FLEET_EVERY_S)) {
                return List.of();
            }
            return List.of(second / FLEET_EVERY_S % 2 == 0
                    ? ProbeSamples.httpError("chat_service", at(second), 30, "chat_service-1")
                    : ProbeSamples.http("chat_service", at(second), 30, "chat_service-1", Map.of(
                            "active_sessions", 15.0)));
        });

        assertFiredOnTime("error_rate", "chat_service", Map.of());
    }

    @Test
    void queueBacklogFiresForEveryQueueTheCollectorsReport() {
        run(660, second -> {
            List<Sample> samples = new ArrayList<>();
            if (every(second, FLEET_EVERY_S)) {
                samples.add(ProbeSamples.summaryService(at(second), 60));
                samples.add(ProbeSamples.model(at(second), 70, 38, 60, "chat", null));
            }
            if (every(second, INFRA_EVERY_S)) {
                samples.add(ProbeSamples.redis(at(second), 60));
            }
            return samples;
        });

        assertFiredOnTime("queue_backlog", "redis", Map.of("metric", "queue_size:summary_queue"));
        assertFiredOnTime("queue_backlog", "model_service", Map.of("metric", "queue_depth"));
        assertFiredOnTime("queue_backlog", "summary_service", Map.of("metric", "queue_size"));
        assertThat(firing("queue_backlog", "redis").message())
                .isEqualTo("queue queue_size:summary_queue of redis holds 60 items (limit 50)");
    }

    @Test
    void modelPerformanceFiresBelowTenTokensPerSecond() {
        run(150, second -> every(second, FLEET_EVERY_S)
                ? List.of(ProbeSamples.model(at(second), 70, 5, 2, "chat", null)) : List.of());

        assertFiredOnTime("model_performance", "model_service", Map.of());
    }

    @Test
    void hostCpuHighFiresAfterFiveMinutesAbove90Percent() {
        run(420, second -> every(second, INFRA_EVERY_S)
                ? List.of(ProbeSamples.system(at(second), 96, 50, 60, 40)) : List.of());

        assertFiredOnTime("host_cpu_high", HOST_SERVICE, Map.of());
        assertThat(rules()).containsOnly("host_cpu_high");
    }

    @Test
    void hostMemoryHighFiresAfterFiveMinutesAbove90Percent() {
        run(420, second -> every(second, INFRA_EVERY_S)
                ? List.of(ProbeSamples.system(at(second), 30, 93, 60, 40)) : List.of());

        assertFiredOnTime("host_memory_high", HOST_SERVICE, Map.of());
        assertThat(rules()).containsOnly("host_memory_high");
    }

    @Test
    void hostDiskFullFiresOncePerFullDiskAfterTenMinutes() {
        run(690, second -> every(second, INFRA_EVERY_S)
                ? List.of(ProbeSamples.system(at(second), 30, 50, 95, 40)) : List.of());

        assertFiredOnTime("host_disk_full", HOST_SERVICE, Map.of("metric", "disk_pct:root"));
        // disk_pct is the same disk seen from the collector's directory: no second alert for it
        assertThat(events).extracting(r -> r.value().labels()).containsOnly(Map.of("metric", "disk_pct:root"));
    }

    @Test
    void modelSwitchIsAnInfoEventOnTheSampleWhereTheModelChanged() {
        run(20, second -> !every(second, FLEET_EVERY_S) ? List.of() : List.of(second < 10
                ? ProbeSamples.model(at(second), 70, 38, 2, "chat", null)
                : ProbeSamples.model(at(second), 70, 38, 2, "summary", second == 10 ? "chat" : null)));

        assertThat(events).extracting(r -> r.value().rule(), r -> r.value().severity(), r -> r.value().state(),
                        TestRecord::timestamp)
                .containsExactly(tuple("model_switch", Severity.INFO, AlertState.FIRING, at(10).toEpochMilli()),
                        tuple("model_switch", Severity.INFO, AlertState.RESOLVED, at(15).toEpochMilli()));
    }

    @Test
    void serviceRestartIsAnInfoEventWhenTheHealthBodyNamesANewInstance() {
        run(60, second -> {
            if (!every(second, FLEET_EVERY_S)) {
                return List.of();
            }
            if (second >= 20 && second < 30) {
                return List.of(ProbeSamples.failed("npc_service", at(second), "connection refused"));
            }
            return List.of(ProbeSamples.http("npc_service", at(second), 25, second < 20 ? "npc-a" : "npc-b",
                    Map.of("npcs_total", 245.0)));
        });

        assertThat(events).filteredOn(r -> r.value().rule().equals(DefaultRules.SERVICE_RESTART))
                .extracting(r -> r.value().service(), r -> r.value().severity(), r -> r.value().state(),
                        TestRecord::timestamp)
                .containsExactly(tuple("npc_service", Severity.INFO, AlertState.FIRING, at(30).toEpochMilli()),
                        tuple("npc_service", Severity.INFO, AlertState.RESOLVED, at(35).toEpochMilli()));
    }

    @Test
    void configurationChangeIsAnInfoEventWhenARuleChanges() {
        AlertRule queueBacklog = DefaultRules.byName().get("queue_backlog");

        fixture.rules.pipeInput(queueBacklog.name(), queueBacklog.withThresholds(80, Duration.ofMinutes(10), null));
        run(5, second -> List.of());

        assertThat(events).extracting(r -> r.value().rule(), r -> r.value().severity(), r -> r.value().service(),
                        r -> r.value().state(), r -> r.value().labels())
                .containsExactly(
                        tuple("configuration_change", Severity.INFO, "monitor", AlertState.FIRING,
                                Map.of("subject", "alert_rule:queue_backlog", "change", "updated")),
                        tuple("configuration_change", Severity.INFO, "monitor", AlertState.RESOLVED,
                                Map.of("subject", "alert_rule:queue_backlog", "change", "updated")));
    }

    /** A request the service pushed (its traffic), answered in {@code latencyMs}. */
    private static Sample request(String service, Instant ts, double latencyMs) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "app-1", service, ts, true, latencyMs, 200, null,
                Map.of(), Map.of());
    }

    /**
     * What the collector makes of an OTLP {@code http.server.request.duration} point: a request sample with a
     * histogram of {@code latency_ms} in seconds, ten requests of {@code seconds} each in one scale-6 bucket.
     */
    private static Sample otlpLatency(String service, Instant ts, double seconds) {
        int index = (int) Math.ceil(Math.log(seconds) * Math.scalb(1.0, 6) / Math.log(2)) - 1;
        Histogram histogram = new Histogram(Names.LATENCY_MS, "s", 6, index, List.of(10L), null, 0L, 10,
                10 * seconds, seconds, seconds);
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "otel", service, ts, true, null, 200, null, Map.of(),
                Map.of(), null, histogram);
    }

    /**
     * Every second from 1 to {@code seconds}: the wall clock moves there, then that second's samples arrive. A second
     * without samples moves the clock only when it is a multiple of {@link #QUIET_TICK_S}: the processor then ticks
     * every few seconds while nothing arrives, as a busy one may (the engine must handle that anyway), and the
     * suite does not pay a punctuation round and a commit for every simulated second.
     */
    private void run(int seconds, IntFunction<List<Sample>> samplesAt) {
        for (int second = 1; second <= seconds; second++) {
            List<Sample> samples = samplesAt.apply(second);
            if (!samples.isEmpty() || second % QUIET_TICK_S == 0 || second == seconds) {
                fixture.wallClockJumpTo(Duration.ofSeconds(second));
                samples.forEach(fixture::pipe);
            }
        }
        events.addAll(fixture.alerts.readRecordsToList());
    }

    /** Normal figures of the whole fleet, each at its probe interval. */
    private static List<Sample> healthy(int second, boolean withGateway) {
        List<Sample> samples = new ArrayList<>();
        if (every(second, FLEET_EVERY_S)) {
            if (withGateway) {
                samples.add(ProbeSamples.gateway(at(second), 45));
            }
            samples.add(ProbeSamples.summaryService(at(second), 8));
            samples.add(ProbeSamples.model(at(second), 77, 38.4, 2, "chat", null));
        }
        if (every(second, INFRA_EVERY_S)) {
            samples.add(ProbeSamples.postgres(at(second)));
            samples.add(ProbeSamples.redis(at(second), 8));
            samples.add(ProbeSamples.system(at(second), 45, 68, 60, 77));
        }
        return samples;
    }

    /**
     * The rule fired for the service, with exactly these labels, and not before its {@code for} after the episode's
     * {@code pending} event had passed. Both records are stamped with the wall clock that made them; a live view is
     * evaluated at its end, the end of the current 10 s pane, so the engine's time may run up to one pane ahead.
     */
    private void assertFiredOnTime(String rule, String service, Map<String, String> labels) {
        AlertRule defaults = DefaultRules.byName().get(rule);
        TestRecord<String, AlertEvent> fired = first(rule, service, labels, AlertState.FIRING);
        assertThat(fired).as(rule + " firing on " + service + " " + labels + " among " + summary()).isNotNull();
        TestRecord<String, AlertEvent> pending = first(rule, service, labels, AlertState.PENDING);

        assertThat(fired.value().severity()).isEqualTo(defaults.severity());
        assertThat(pending.value().id()).isEqualTo(fired.value().id());
        assertThat(Instant.ofEpochMilli(fired.timestamp()))
                .isAfterOrEqualTo(Instant.ofEpochMilli(pending.timestamp()).plus(defaults.forDuration())
                        .minus(LIVE_PANE));
    }

    private TestRecord<String, AlertEvent> first(String rule, String service, Map<String, String> labels,
                                                 AlertState state) {
        return events.stream()
                .filter(r -> r.value().rule().equals(rule) && r.value().service().equals(service)
                        && r.value().labels().equals(labels) && r.value().state() == state)
                .findFirst().orElse(null);
    }

    private AlertEvent firing(String rule, String service) {
        return events.stream().map(TestRecord::value)
                .filter(e -> e.rule().equals(rule) && e.service().equals(service) && e.state() == AlertState.FIRING)
                .findFirst().orElseThrow();
    }

    private List<String> rules() {
        return events.stream().map(r -> r.value().rule()).distinct().toList();
    }

    private List<String> summary() {
        return events.stream().map(r -> r.value().rule() + "/" + r.value().service() + "/" + r.value().state())
                .toList();
    }

    private static boolean every(int second, int interval) {
        return second % interval == 0;
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
