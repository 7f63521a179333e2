package io.lifestrands.monitor.processor.backtest;

import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.TestClients;
import io.lifestrands.monitor.processor.alert.Replay;
import io.lifestrands.monitor.processor.alert.RuleSeeder;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.BacktestEpisode;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The test on a real broker: the running processor alerts live on a sample stream, then a backtest of the
 * same, unchanged rule over that range reproduces the episodes it produced: ids, whether they fired, and their ends.
 */
class BacktestIT {

    @TempDir
    Path stateDir;

    @Test
    void backtestOfAnUnchangedRuleReproducesTheLiveEpisodes() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "backtest-it-" + id;
        AlertRule rule = new AlertRule(null, "backtest_it_" + id, Severity.CRITICAL, service, "queue_depth",
                Statistic.LAST, Duration.ofMinutes(1), Comparison.GT, 100, Duration.ofSeconds(1), Duration.ZERO,
                "{service} queue at {value}", Map.of(), null, 0, null, null);
        String bootstrap = TestServers.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Topics.createMissing(admin, (short) 1);
            // as the processor would at its start: other tests of this JVM count on the default rules
            RuleSeeder.seedIfEmpty(admin, bootstrap, DefaultRules.seeded());
        }
        try (KafkaProducer<byte[], byte[]> producer = TestClients.producer(bootstrap);
             KafkaConsumer<String, AlertEvent> alerts = TestClients.consumer(bootstrap, Topics.ALERTS, service);
             KafkaConsumer<String, BacktestResult> results = TestClients.consumer(bootstrap,
                     Topics.BACKTEST_RESULTS, service)) {
            // on the topic before the start, so the global rule store holds it before the first sample
            TestClients.send(producer, Topics.ALERT_RULES.name(), rule.name(), Json.encode(rule));
            ProcessorSettings settings = ProcessorSettings.defaults(bootstrap)
                    .withApplication("monitor-backtest-it-" + id, stateDir);
            List<AlertEvent> live = new ArrayList<>();
            Instant from;
            Instant to;
            try (MonitorProcessor processor = MonitorProcessor.start(settings)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
                from = Instant.now();
                for (int episode = 0; episode < 2; episode++) {
                    drive(producer, alerts, rule, service, 500, AlertState.FIRING, live);
                    drive(producer, alerts, rule, service, 5, AlertState.RESOLVED, live);
                }
                to = Instant.now();

                BacktestRequest request = new BacktestRequest(null, "bt-" + id, rule, from, to, List.of(),
                        Instant.now());
                TestClients.send(producer, Topics.BACKTEST_REQUESTS.name(), request.id(), Json.encode(request));
                AtomicReference<BacktestResult> answer = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    results.poll(Duration.ofMillis(200)).forEach(r -> {
                        if (request.id().equals(r.key())) {
                            answer.set(r.value());
                        }
                    });
                    return answer.get() != null;
                });

                BacktestResult result = answer.get();
                assertThat(result.error()).isNull();
                assertThat(Replay.episodesOf(live)).hasSize(2).allMatch(BacktestEpisode::fired);
                assertThat(result.episodes()).extracting(BacktestEpisode::id, BacktestEpisode::fired,
                                BacktestEpisode::endsAt)
                        .isEqualTo(Replay.episodesOf(live).stream()
                                .map(e -> tuple(e.id(), e.fired(), e.endsAt()))
                                .toList());
                assertThat(result.inputs()).containsKey(Replay.WINDOWS);
            }
        }
    }

    /** Sends samples of {@code depth} now and then until the rule announced {@code until}. */
    private static void drive(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<String, AlertEvent> alerts,
                              AlertRule rule, String service, double depth, AlertState until, List<AlertEvent> live) {
        int seen = (int) live.stream().filter(e -> e.state() == until).count();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Sample sample = Sample.probe("it-host", service, Instant.now(), true, 5.0, 200, null)
                    .with(Map.of("queue_depth", depth), Map.of());
            TestClients.send(producer, Topics.SAMPLES.name(), service, Json.encode(sample));
            alerts.poll(Duration.ofMillis(100)).forEach(r -> {
                if (rule.name().equals(r.value().rule())) {
                    live.add(r.value());
                }
            });
            return live.stream().filter(e -> e.state() == until).count() > seen;
        });
    }
}
