package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.TestClients;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The running processor on a real broker: default rules seeded, and a rule changed on the topic takes effect. */
class AlertRulesIT {

    @TempDir
    Path stateDir;

    @Test
    void ruleChangedOnTheTopicTakesEffectInTheRunningTopology() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "alert-it-" + id;
        String ruleName = "alert_it_down_" + id;
        String bootstrap = TestServers.kafka().bootstrapServers();
        ProcessorSettings settings = ProcessorSettings.defaults(bootstrap)
                .withApplication("monitor-alert-it-" + id, stateDir);

        String group = "alert-it-" + id;
        try (MonitorProcessor processor = MonitorProcessor.start(settings);
             KafkaConsumer<String, AlertRule> rules = TestClients.consumer(bootstrap, Topics.ALERT_RULES, group);
             KafkaConsumer<String, AlertEvent> alerts = TestClients.consumer(bootstrap, Topics.ALERTS, group);
             KafkaProducer<byte[], byte[]> producer = TestClients.producer(bootstrap)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
            Set<String> ruleNames = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                rules.poll(Duration.ofMillis(200)).forEach(r -> ruleNames.add(r.key()));
                assertThat(ruleNames).containsAll(DefaultRules.byName().keySet());
            });
            AlertRule slow = downRule(ruleName, service, Duration.ofHours(1));
            TestClients.send(producer, Topics.ALERT_RULES.name(), ruleName, Json.encode(slow));

            List<AlertEvent> seen = new ArrayList<>();
            // the rule reaches the global store asynchronously: flip the service until its pending alert shows
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TestClients.send(producer, Topics.SAMPLES.name(), service, probe(service, true));
                TestClients.send(producer, Topics.SAMPLES.name(), service, probe(service, false));
                collect(alerts, ruleName, seen, Duration.ofMillis(1500));
                assertThat(seen).extracting(AlertEvent::state).contains(AlertState.PENDING);
            });
            assertThat(seen).extracting(AlertEvent::state).doesNotContain(AlertState.FIRING);

            TestClients.send(producer, Topics.ALERT_RULES.name(), ruleName,
                    Json.encode(slow.withThresholds(0, Duration.ofSeconds(1), null)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                collect(alerts, ruleName, seen, Duration.ofMillis(200));
                assertThat(seen).extracting(AlertEvent::state).contains(AlertState.FIRING);
            });
            TestClients.send(producer, Topics.ALERT_RULES.name(), ruleName, null);
        }
    }

    private static AlertRule downRule(String name, String service, Duration forDuration) {
        // no flap damping: the test flips the service on purpose until the rule is loaded
        return new AlertRule(1, name, Severity.WARNING, service, DefaultRules.UP, Statistic.LAST, null,
                Comparison.EQ, 0, forDuration, null, "{service} is down (IT)", Map.of(), null, 0, null, null);
    }

    private static byte[] probe(String service, boolean up) {
        return Json.encode(Sample.probe("it-host", service, Instant.now(), up, 5.0, up ? 200 : null,
                up ? null : "timeout"));
    }

    private static void collect(KafkaConsumer<String, AlertEvent> alerts, String rule, List<AlertEvent> into,
                                Duration poll) {
        alerts.poll(poll).forEach(r -> {
            if (rule.equals(r.value().rule())) {
                into.add(r.value());
            }
        });
    }
}
