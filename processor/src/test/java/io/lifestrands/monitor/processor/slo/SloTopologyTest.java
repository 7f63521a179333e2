package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SLO counting and burn-rate alerts through the production topology, at the samples' event time: the driver's wall
 * clock stands after the whole timeline, as when a backlog of samples is processed at once.
 */
class SloTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> samples;
    private TestInputTopic<String, Slo> slos;
    private TestOutputTopic<String, AlertEvent> alerts;
    private TestOutputTopic<String, SloStatus> statuses;

    @BeforeEach
    void start() {
        ProcessorSettings settings = ProcessorSettings.defaults("unused:9092").withApplication("slo-test", stateDir)
                .withInMemoryStores(true).withLiveInterval(Duration.ofDays(1));
        driver = new TopologyTestDriver(MonitorTopology.build(settings), settings.toProperties(),
                T0.plus(Duration.ofHours(3)));
        samples = driver.createInputTopic(Topics.SAMPLES.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        slos = driver.createInputTopic(Topics.SLOS.name(), Topics.SLOS.keySerde().serializer(),
                Topics.SLOS.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
        statuses = driver.createOutputTopic(Topics.SLO_STATUS.name(), Topics.SLO_STATUS.keySerde().deserializer(),
                Topics.SLO_STATUS.valueSerde().deserializer());
        TestInputTopic<String, io.lifestrands.monitor.schema.AlertRule> rules = driver.createInputTopic(
                Topics.ALERT_RULES.name(), Topics.ALERT_RULES.keySerde().serializer(),
                Topics.ALERT_RULES.valueSerde().serializer());
        DefaultRules.seeded().forEach(rule -> rules.pipeInput(rule.name(), rule));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void fullErrorsAfterACleanHourPageAfter52Seconds() {
        define(availability("gw-avail", "gateway", 0.999));
        Instant errorsFrom = T0.plus(HOUR);

        // a clean hour, 1 request a second reported every 10 s, then every request fails, reported each second
        for (int second = 0; second < 3600; second += 10) {
            pipe(traffic("gateway", T0.plusSeconds(second), 10));
        }
        for (int second = 3600; second < 3600 + 90; second++) {
            pipe(request("gateway", T0.plusSeconds(second), false, 20.0));
        }

        List<AlertEvent> page = firing("slo_fast_burn");
        assertThat(page).hasSize(1);
        assertThat(page.get(0).labels()).containsEntry("slo", "gw-avail");
        double firedAfter = Duration.between(errorsFrom, page.get(0).startsAt()).toMillis() / 1000.0;
        // theory 51.84 s; 1 event a second and one reading a second, the 1h window one 10 s bucket long
        assertThat(firedAfter).isBetween(51.0, 54.0);
    }

    @Test
    void errorsInsideAMaintenanceWindowSpendNoBudgetAndPageNothing() {
        define(availability("gw-maint", "gateway", 0.999));
        TestInputTopic<String, MaintenanceWindow> maintenance = driver.createInputTopic(Topics.MAINTENANCE.name(),
                Topics.MAINTENANCE.keySerde().serializer(), Topics.MAINTENANCE.valueSerde().serializer());
        // planned work on the gateway from the end of the clean hour, for ten minutes, in local time of Berlin
        LocalDateTime start = LocalDateTime.ofInstant(T0.plus(HOUR), BERLIN);
        maintenance.pipeInput("upgrade", new MaintenanceWindow(null, "upgrade", List.of("gateway"), BERLIN, start,
                start.plusMinutes(10), MaintenanceWindow.Repeat.NONE, null, "upgrade", "ops", T0, T0));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        for (int second = 0; second < 3600; second += 10) {
            pipe(traffic("gateway", T0.plusSeconds(second), 10));
        }
        for (int second = 3600; second < 3600 + 90; second++) {
            pipe(request("gateway", T0.plusSeconds(second), false, 20.0));
        }
        // after the window: one failed request counts again
        pipe(request("gateway", T0.plus(HOUR).plusSeconds(600), false, 20.0));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(firing("slo_fast_burn")).isEmpty();
        SloStatus status = latestStatus("gw-maint");
        assertThat(status.total()).as("the clean hour and the one failure after the window").isEqualTo(3601);
        assertThat(status.good()).isEqualTo(3600);
    }

    @Test
    void aSteadyHalfBurnNeverAlerts() {
        define(availability("gw-half", "gateway", 0.99));

        // one error in 200 events = 0.5 % errors = 0.5x of a 1 % budget, spread evenly over two hours
        for (int second = 0; second < 7200; second += 20) {
            pipe(traffic("gateway", T0.plusSeconds(second), second % 200 == 180 ? 19 : 20));
            if (second % 200 == 180) {
                pipe(request("gateway", T0.plusSeconds(second + 10), false, 20.0));
            }
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(alerts.readValuesToList()).extracting(AlertEvent::rule)
                .noneMatch(rule -> rule.startsWith("slo_"));
        SloStatus status = latestStatus("gw-half");
        assertThat(status.burn1h()).isCloseTo(0.5, within(0.05));
        assertThat(status.burn6h()).isCloseTo(0.5, within(0.05));
        assertThat(status.budgetRemaining()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void latencySloCountsRequestsAtTheThreshold() {
        define(new Slo(null, "gw-fast", "gateway", Slo.Kind.LATENCY, 0.9, Duration.ofDays(1), 300.0, null, null));

        for (int i = 0; i < 100; i++) {
            // 80 fast, 15 slow, 5 failed (fast but failed: bad)
            double latency = i < 80 ? 100 + i : 301 + i;
            boolean up = i < 75 || i >= 80;
            pipe(request("gateway", T0.plusSeconds(i), up, latency));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        SloStatus status = latestStatus("gw-fast");
        assertThat(status.good()).isEqualTo(75);
        assertThat(status.total()).isEqualTo(100);
        // 25 % bad against a 10 % budget
        assertThat(status.burn5m()).isCloseTo(2.5, within(1e-9));
        assertThat(status.budgetRemaining()).isCloseTo(-1.5, within(1e-9));
        assertThat(status.burn3d()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void probesCountOnlyForAnSloOfProbesAndMissingFiguresStayAbsent() {
        define(new Slo(null, "gw-probes", "gateway", Slo.Kind.AVAILABILITY, 0.99, Duration.ofDays(7), null,
                Slo.Source.PROBES, null));
        define(availability("gw-traffic", "gateway", 0.99));

        pipe(Sample.probe("collector-1", "gateway", T0, false, null, null, "timeout"));
        pipe(Sample.probe("collector-1", "gateway", T0.plusSeconds(1), true, 5.0, 200, null));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        SloStatus status = latestStatus("gw-probes");
        assertThat(status.good()).isEqualTo(1);
        assertThat(status.total()).isEqualTo(2);
        assertThat(statuses.readKeyValuesToMap()).doesNotContainKey("gw-traffic");
    }

    @Test
    void aDeletedSloLosesItsCountsAndGetsATombstone() {
        define(availability("gw-gone", "gateway", 0.99));
        pipe(request("gateway", T0, true, 10.0));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(latestStatus("gw-gone").total()).isEqualTo(1);

        slos.pipeInput("gw-gone", null);
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(statuses.readKeyValuesToList()).last().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("gw-gone");
            assertThat(kv.value).isNull();
        });
        assertThat(driver.getKeyValueStore(SloProcessor.COUNTS_STORE).approximateNumEntries()).isZero();
    }

    private List<AlertEvent> firing(String rule) {
        return alerts.readValuesToList().stream()
                .filter(event -> event.rule().equals(rule) && event.state() == AlertState.FIRING).toList();
    }

    private SloStatus latestStatus(String id) {
        Map<String, SloStatus> latest = statuses.readKeyValuesToMap();
        assertThat(latest).containsKey(id);
        return latest.get(id);
    }

    /** Publishes an SLO and the rules, and lets one punctuation read them. */
    private void define(Slo slo) {
        slos.pipeInput(slo.id(), slo);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private void pipe(Sample sample) {
        samples.pipeInput(sample.service().getBytes(StandardCharsets.UTF_8), Json.encode(sample), sample.ts());
    }

    private static Slo availability(String id, String service, double objective) {
        return new Slo(null, id, service, Slo.Kind.AVAILABILITY, objective, Duration.ofDays(30), null, null, null);
    }

    /** {@code count} good requests of 20 ms as one histogram, as OpenTelemetry reports them. */
    private static Sample traffic(String service, Instant ts, long count) {
        Histogram histogram = new Histogram(Names.LATENCY_MS, "ms", null, null, List.of(count), List.of(), null,
                count, 20.0 * count, 20.0, 20.0);
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "app-1", service, ts, true, null, 200, null, Map.of(),
                Map.of(), null, histogram);
    }

    private static Sample request(String service, Instant ts, boolean up, double latencyMs) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "app-1", service, ts, up, latencyMs, up ? 200 : 500,
                null, Map.of(), Map.of());
    }
}
