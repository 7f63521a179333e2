package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.json.JsonSerde;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The production topology in a TopologyTestDriver whose wall clock starts at {@code T0 + startOffset}, with the
 * rules topic as input and the alerts topic as output.
 */
final class AlertTopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String APPLICATION_ID = "alert-topology-test";

    final TopologyTestDriver driver;
    final TestInputTopic<String, AlertRule> rules;
    final TestOutputTopic<String, AlertEvent> alerts;
    /** Alert events as another instance would write them (the topic is also a global source). */
    final TestInputTopic<String, AlertEvent> alertsOfOtherInstances;
    private final TestInputTopic<byte[], byte[]> samples;
    private long wallClockMs;

    AlertTopologyFixture(Path stateDir, Duration startOffset) {
        // these timelines are about status, sample and final-window rules; live views of the failing probes would
        // add error_rate alerts to every one of them
        this(stateDir, startOffset, settings -> settings.withLiveInterval(Duration.ofDays(1)));
    }

    /** With the production settings, changed by {@code tune}: {@code identity()} keeps the live views. */
    AlertTopologyFixture(Path stateDir, Duration startOffset, UnaryOperator<ProcessorSettings> tune) {
        ProcessorSettings settings = tune.apply(ProcessorSettings.defaults("unused:9092")
                .withApplication(APPLICATION_ID, stateDir));
        wallClockMs = T0.plus(startOffset).toEpochMilli();
        driver = new TopologyTestDriver(MonitorTopology.build(settings), settings.toProperties(),
                Instant.ofEpochMilli(wallClockMs));
        rules = driver.createInputTopic(Topics.ALERT_RULES.name(), Topics.ALERT_RULES.keySerde().serializer(),
                Topics.ALERT_RULES.valueSerde().serializer());
        samples = driver.createInputTopic(Topics.SAMPLES.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        alertsOfOtherInstances = driver.createInputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().serializer(),
                Topics.ALERTS.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    /** Publishes rules on the rules topic and lets one punctuation pick them up. */
    AlertTopologyFixture withRules(Collection<AlertRule> published) {
        published.forEach(rule -> rules.pipeInput(rule.name(), rule));
        wallClockAt(Duration.ofMillis(wallClockMs - T0.toEpochMilli() + 1000));
        return this;
    }

    static Sample probe(String service, Instant ts, boolean up, Map<String, String> labels) {
        return Sample.probe("collector-1", service, ts, up, 12.0, up ? 200 : null, up ? null : "timeout")
                .with(Map.of(), labels);
    }

    void pipe(Sample sample) {
        samples.pipeInput(sample.service().getBytes(StandardCharsets.UTF_8), Json.encode(sample), sample.ts());
    }

    /** Moves the wall clock to {@code T0 + offset} one second at a time (forwards only), running punctuations. */
    void wallClockAt(Duration offset) {
        long target = T0.plus(offset).toEpochMilli();
        while (wallClockMs < target) {
            long step = Math.min(1000, target - wallClockMs);
            driver.advanceWallClockTime(Duration.ofMillis(step));
            wallClockMs += step;
        }
    }

    /**
     * Moves the wall clock to {@code T0 + offset} in one step (forwards only): each punctuator runs once, as a
     * processor's does when its thread was busy for longer than the interval.
     */
    void wallClockJumpTo(Duration offset) {
        long target = T0.plus(offset).toEpochMilli();
        if (target > wallClockMs) {
            driver.advanceWallClockTime(Duration.ofMillis(target - wallClockMs));
            wallClockMs = target;
        }
    }

    /**
     * The alert states as a restart would restore them: the latest record per key of the store's changelog, as
     * this driver wrote it. (The driver wipes its state directory on close, so a restart test replays this.)
     */
    Map<String, AlertStateRecord> changelogOfAlertStates() {
        Map<String, AlertStateRecord> latest = new HashMap<>();
        driver.createOutputTopic(APPLICATION_ID + "-" + AlertProcessor.STATE_STORE + "-changelog",
                        Serdes.String().deserializer(), new JsonSerde<>(AlertStateRecord.class).deserializer())
                .readRecordsToList()
                .forEach(record -> {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                });
        return latest;
    }

    /** Puts restored alert states into this driver's store, as Streams does before processing resumes. */
    void restoreAlertStates(Map<String, AlertStateRecord> restored) {
        KeyValueStore<String, AlertStateRecord> store = driver.getKeyValueStore(AlertProcessor.STATE_STORE);
        restored.forEach(store::put);
    }

    @Override
    public void close() {
        driver.close();
    }
}
