package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.BacktestEpisode;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /rules/backtest} on real Kafka and PostgreSQL, with a small fake in the processor's place (the replay
 * itself is the processor's {@code BacktestIT}): validation, 504 when nobody answers, the status changes attached
 * from PostgreSQL, and the actual episodes from the alerts table beside the replayed ones.
 */
class BacktestIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static ApiFixture api;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    static void start() {
        // the shared api waits 5 s for an answer (ApiFixture.shared)
        api = ApiFixture.shared();
    }

    @Test
    void aRangeEndingBeforeItStartsOrTooLongAndABrokenRuleAreRejectedWithTheirFields() throws Exception {
        HttpResponse<String> backwards = api.post("/rules/backtest", body(rule("bt_" + run),
                T0.plusSeconds(60), T0));
        HttpResponse<String> tooLong = api.post("/rules/backtest", body(rule("bt_" + run), T0,
                T0.plus(Duration.ofDays(8))));
        HttpResponse<String> broken = api.post("/rules/backtest", body("{\"name\": \"bt_" + run + "\"}", T0,
                T0.plusSeconds(60)));
        HttpResponse<String> unknown = api.post("/rules/backtest", "{\"rule_name\": \"nope_" + run
                + "\", \"from\": \"" + T0 + "\", \"to\": \"" + T0.plusSeconds(60) + "\"}");

        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"to\"").contains("must be after from");
        assertThat(tooLong.body()).contains("at most 7 days");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("rule.threshold").contains("rule.metric");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no rule named 'nope_" + run + "'");
    }

    @Test
    void withNoProcessorToAnswerTheApiGivesUpWith504() throws Exception {
        HttpResponse<String> response = api.post("/rules/backtest", body(rule("unanswered_" + run), T0,
                T0.plusSeconds(600)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("problem+json"));
    }

    @Test
    void answerHasTheReplayedEpisodesBesideTheActualOnesAndTheRequestCarriesTheStatusChanges() throws Exception {
        String service = "bt-svc-" + run;
        AlertRule rule = new AlertRule(null, "bt_down_" + run, Severity.CRITICAL, service, "up", Statistic.LAST,
                null, Comparison.LT, 1, Duration.ofSeconds(30), null, "{service} down", Map.of());
        // PostgreSQL keeps microseconds; a live status change is stamped in milliseconds
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
        Instant to = Instant.now();
        StatusChange down = new StatusChange(null, service, ServiceStatus.UP, ServiceStatus.DOWN,
                from.plusSeconds(60), "collector-1", "timeout", null);
        api.produce(down);
        AlertEvent inRange = event(rule, service, from.plusSeconds(60), AlertState.RESOLVED, from.plusSeconds(300));
        AlertEvent before = event(rule, service, from.minusSeconds(900), AlertState.RESOLVED, from.minusSeconds(600));
        api.produce(inRange);
        api.produce(before);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.count("select count(*) from alerts where rule = ?",
                rule.name()) == 2 && api.count("select count(*) from status_changes where service = ?", service) == 1);
        BacktestEpisode replayed = new BacktestEpisode(inRange.id(), inRange.fingerprint(), rule.name(), service,
                rule.severity(), Map.of(), inRange.startsAt(), true, inRange.endsAt(), 0.0);
        CompletableFuture<BacktestRequest> asked = CompletableFuture.supplyAsync(() ->
                answerOnce(rule.name(), replayed));

        JsonNode answer = api.postJson("/rules/backtest", body(Json.write(rule), from, to), 200);

        BacktestRequest request = asked.join();
        assertThat(request.statusChanges()).containsExactly(down);
        assertThat(request.from()).isEqualTo(from);
        assertThat(Json.MAPPER.treeToValue(answer.get("replayed"), BacktestEpisode[].class))
                .containsExactly(replayed);
        BacktestEpisode[] actual = Json.MAPPER.treeToValue(answer.get("actual"), BacktestEpisode[].class);
        assertThat(actual).extracting(BacktestEpisode::id, BacktestEpisode::fired, BacktestEpisode::endsAt)
                .containsExactly(tuple(inRange.id(), true, inRange.endsAt()));
        assertThat(answer.get("inputs").get("status_changes").asLong()).isEqualTo(1);
        assertThat(answer.get("warnings").isArray()).isTrue();
    }

    /** The processor's part, faked: answers the first request for {@code ruleName} with one episode. */
    private static BacktestRequest answerOnce(String ruleName, BacktestEpisode episode) {
        // assigned, not subscribed: no group to join, so it answers well within the api's 5 s
        try (KafkaConsumer<String, BacktestRequest> requests = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.BACKTEST_REQUESTS.keySerde().deserializer(),
                Topics.BACKTEST_REQUESTS.valueSerde().deserializer())) {
            requests.assign(List.of(new TopicPartition(Topics.BACKTEST_REQUESTS.name(), 0)));
            BacktestRequest[] found = new BacktestRequest[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                requests.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value().rule().name().equals(ruleName)) {
                        found[0] = r.value();
                    }
                });
                return found[0] != null;
            });
            BacktestRequest request = found[0];
            api.send(Topics.BACKTEST_RESULTS.name(), request.id(), Json.encode(new BacktestResult(null,
                    request.id(), List.of(episode), Map.of("status_changes", (long) request.statusChanges().size()),
                    List.of(), null)));
            return request;
        }
    }

    private static AlertEvent event(AlertRule rule, String service, Instant activeAt, AlertState state,
                                    Instant endsAt) {
        String fingerprint = "fp" + rule.name();
        return new AlertEvent(null, fingerprint + "-" + activeAt.toEpochMilli(), fingerprint, rule.name(),
                rule.severity(), service, state, 0, 1, "down", activeAt, endsAt, Map.of());
    }

    private static String rule(String name) {
        return Json.write(new AlertRule(null, name, Severity.WARNING, "*", "latency_ms", Statistic.P95, null,
                Comparison.GT, 100, null, null, "slow", Map.of()));
    }

    private static String body(String rule, Instant from, Instant to) {
        return "{\"rule\": " + rule + ", \"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
    }
}
