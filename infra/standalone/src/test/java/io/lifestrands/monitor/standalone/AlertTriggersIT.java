package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every trigger of {@code POST /debug/test-alerts} fires its default rule through the whole system (api injection,
 * samples topic, processor, alerts topic): the default rules are first put back with their {@code for}s shortened to
 * {@link #SHORT_FOR} and the notification settings changed (each change is a {@code configuration_change} info
 * alert, the processor's and the api's), then every trigger is posted for a service of its own and the test waits for
 * each rule's {@code firing} event of that service.
 */
class AlertTriggersIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Duration SHORT_FOR = Duration.ofSeconds(2);
    /** Each trigger and the service it is posted for: one service each, none that another one depends on. */
    private static final Map<String, String> TRIGGERS = new TreeMap<>(Map.ofEntries(
            entry("service_down", "e2e_down"),
            entry("monitoring_failed", "e2e_monitoring"),
            entry("database_unreachable", "postgres"),
            entry("gpu_memory_full", "e2e_gpu"),
            entry("high_latency", "e2e_latency"),
            entry("error_rate", "e2e_errors"),
            entry("queue_backlog", "e2e_queue"),
            entry("model_performance", "e2e_tokens"),
            entry("low_tokens_per_second", "e2e_tokens_old"),
            entry("host_cpu_high", "host:e2e-cpu"),
            entry("host_memory_high", "host:e2e-memory"),
            entry("host_disk_full", "host:e2e-disk"),
            entry("model_switch", "e2e_model"),
            entry("service_restart", "e2e_restart"),
            entry("configuration_change", ConfigChange.SERVICE)));

    private Standalone system;
    private String token;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyTriggerFiresItsDefaultRuleAfterTheShortenedRulesAreReported() throws Exception {
        Set<String> defaults = DefaultRules.byName().keySet();
        assertThat(TRIGGERS.keySet()).as("a trigger for every default rule").containsAll(defaults);
        StandaloneOptions options = StandaloneOptions.ephemeral();
        token = options.apiToken();
        system = Standalone.start(options);
        await().atMost(WAIT).until(() -> system.processorState() == KafkaStreams.State.RUNNING);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> ruleNames().containsAll(defaults));

        try (AlertWatch alerts = new AlertWatch(system.bootstrapServers())) {
            List<String> shortened = putDefaultRulesWithShortFor();

            putNotificationSettings("{\"notifications\": {\"group_wait\": \"7s\"}}");

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(alerts.configChanges()).containsAll(shortened.stream()
                        .map(rule -> ConfigChange.RULE_SUBJECT_PREFIX + rule + " updated").toList());
                assertThat(alerts.configChanges()).as("reported by the api").contains("notification_settings updated");
            });
            for (Map.Entry<String, String> trigger : TRIGGERS.entrySet()) {
                JsonNode injection = post("/debug/test-alerts", "{\"trigger_type\":\"" + trigger.getKey()
                        + "\",\"service\":\"" + trigger.getValue() + "\"}");
                assertThat(injection.path("service").asString()).isEqualTo(trigger.getValue());
            }

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(alerts.firing()).containsAll(expectedFirings());
                assertThat(alerts.configChanges()).as("the trigger's own change").contains("test-alerts updated");
            });
        }
    }

    /** {@code rule service} of the firing every trigger must raise. */
    private static Set<String> expectedFirings() {
        return TRIGGERS.entrySet().stream()
                .map(t -> (t.getKey().equals("low_tokens_per_second") ? "model_performance" : t.getKey()) + " "
                        + t.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * {@code PUT /alerts/config} of the default rules with every {@code for} above {@link #SHORT_FOR} set to it,
     * nothing else changed; returns the names of the rules it changed.
     */
    private List<String> putDefaultRulesWithShortFor() throws Exception {
        List<AlertRule> rules = new ArrayList<>();
        List<String> shortened = new ArrayList<>();
        for (AlertRule rule : DefaultRules.all()) {
            if (rule.forDuration().compareTo(SHORT_FOR) > 0) {
                rules.add(rule.withThresholds(rule.threshold(), SHORT_FOR, rule.clearThreshold()));
                shortened.add(rule.name());
            } else {
                rules.add(rule);
            }
        }
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/alerts/config"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("rules", rules)))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return shortened;
    }

    private void putNotificationSettings(String body) throws Exception {
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/alerts/config"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private List<String> ruleNames() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/alerts/config"))
                .header("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Json.MAPPER.readTree(response.body()).path("rules").forEach(rule -> names.add(rule.path("name").asString()));
        return names;
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(path + " " + body + ": " + response.body()).isEqualTo(202);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + system.apiPort() + path);
    }

    /** The alert transitions written to {@code monitor.alerts.v1} after it was opened. */
    private static final class AlertWatch implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<AlertEvent> events = new CopyOnWriteArrayList<>();

        AlertWatch(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: resolve it now, so that what is written from here on is read
            partitions.forEach(consumer::position);
        }

        /** {@code rule service} of every firing event so far. */
        Set<String> firing() {
            poll();
            return events.stream().filter(e -> e.state() == AlertState.FIRING)
                    .map(e -> e.rule() + " " + e.service()).collect(Collectors.toCollection(TreeSet::new));
        }

        /** {@code subject change} of every firing {@code configuration_change} so far. */
        List<String> configChanges() {
            poll();
            return events.stream()
                    .filter(e -> e.state() == AlertState.FIRING && e.rule().equals(DefaultRules.CONFIGURATION_CHANGE))
                    .map(e -> e.labels().get(ConfigChange.SUBJECT_LABEL) + " "
                            + e.labels().get(ConfigChange.CHANGE_LABEL))
                    .toList();
        }

        private void poll() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                events.add(Json.decode(record.value(), AlertEvent.class));
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
