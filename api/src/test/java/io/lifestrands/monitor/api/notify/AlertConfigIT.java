package io.lifestrands.monitor.api.notify;


import io.lifestrands.monitor.schema.DefaultRules;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.feed.SocketClient;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lifestrands.monitor.api.notify.NotifyFixtures.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET|PUT /alerts/config} against real Kafka and PostgreSQL: rules from and to the compacted rules topic,
 * validation with a reason per field, secrets masked and never leaked in responses, logs or WebSocket frames (S2),
 * webhook URLs into the api's own network refused before connecting (S4).
 */
class AlertConfigIT {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String NOTIFY_LOGGER = "io.lifestrands.monitor";

    private static Receiver receiver;
    private static Receiver redirectTarget;
    private static Receiver forbidden;
    private static GreenMail smtp;
    private static ApiFixture api;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> responses = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        redirectTarget = new Receiver();
        forbidden = new Receiver();
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        // a different password than the canary: the login fails, an error path worth checking for leaks
        smtp.setUser("monitor@example.com", "monitor", "the-real-password");
        smtp.start();
        api = new ApiFixture(Map.ofEntries(
                Map.entry("monitor.api.notify.allowed-hosts", "127.0.0.1:" + receiver.port() + ",127.0.0.1:"
                        + redirectTarget.port()),
                Map.entry("monitor.api.notify.group-wait", "100ms"),
                Map.entry("monitor.api.notify.tick", "100ms"),
                Map.entry("monitor.api.notify.retry-initial-delay", "200ms"),
                Map.entry("monitor.api.notify.retry-max-delay", "500ms"),
                // these tests PUT the config more often than the production limit allows; SecurityIT tests it
                Map.entry("monitor.api.limits.rate-limits[0].method", "PUT"),
                Map.entry("monitor.api.limits.rate-limits[0].path", "/alerts/config"),
                Map.entry("monitor.api.limits.rate-limits[0].permits", "1000"),
                Map.entry("monitor.api.limits.rate-limits[0].period", "1m")));
    }

    @AfterAll
    static void stop() {
        api.close();
        smtp.stop();
        receiver.close();
        redirectTarget.close();
        forbidden.close();
    }

    @Test
    void rulesComeFromTheTopicAndPutWritesChangesAndTombstones() throws Exception {
        AlertRule existing = rule("existing_" + run, 100);
        api.send(Topics.ALERT_RULES.name(), existing.name(), Json.encode(existing));
        await().atMost(BOUND).until(() -> ruleNames(api.getJson("/alerts/config")).contains(existing.name()));

        AlertRule added = rule("added_" + run, 2000);
        String body = "{\"rules\": " + Json.write(List.of(added)) + "}";
        HttpResponse<String> response = send("PUT", "/alerts/config", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ruleNames(Json.MAPPER.readTree(response.body()))).contains(added.name())
                .doesNotContain(existing.name());
        Map<String, byte[]> topic = latestRules();
        assertThat(topic).containsKey(existing.name());
        assertThat(topic.get(existing.name())).isNull();
        assertThat(Json.decode(topic.get(added.name()), AlertRule.class)).isEqualTo(added);
    }

    @Test
    void invalidRulesAreRejectedWithAReasonPerFieldAndNothingIsWritten() throws Exception {
        long before = rulesEndOffset();

        HttpResponse<String> response = send("PUT", "/alerts/config", """
                {"rules": [{"name": "bad rule", "severity": "urgent", "metric": "m", "statistic": "p95",
                            "comparison": ">", "threshold": "high", "for": "-1s"}]}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(response.body());
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("rules[0].name", "rules[0].severity", "rules[0].threshold",
                "rules[0].for");
        problem.get("errors").forEach(error -> assertThat(error.get("reason").asString()).isNotBlank());
        assertThat(rulesEndOffset()).isEqualTo(before);
    }

    @Test
    void theDefaultRulesSurviveAGetThenAPutOfTheSameBody() throws Exception {
        List<String> defaults = new ArrayList<>();
        for (JsonNode rule : defaultRules()) {
            // as the processor seeds them: key = the rule's name, value = the rule's JSON
            api.send(Topics.ALERT_RULES.name(), rule.get("name").asString(), Json.MAPPER.writeValueAsBytes(rule));
            defaults.add(rule.get("name").asString());
        }
        await().atMost(BOUND).until(() -> ruleNames(api.getJson("/alerts/config")).containsAll(defaults));
        String config = send("GET", "/alerts/config", null).body();

        HttpResponse<String> response = send("PUT", "/alerts/config", config);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode rules = Json.MAPPER.readTree(response.body()).get("rules");
        assertThat(rules.valueStream().filter(r -> r.get("name").asString().equals("service_down")).findFirst())
                .hasValueSatisfying(r -> assertThat(r.get("service").asString()).isEqualTo("!postgres"));
    }

    @Test
    void aRuleWithABrokenSelectorIsRejectedWithItsReasonAndNothingIsWritten() throws Exception {
        ObjectNode rule = (ObjectNode) defaultRules().get(0).deepCopy();
        rule.put("name", "broken_selector_" + run).put("service", "!postgres,,redis");
        long before = rulesEndOffset();

        HttpResponse<String> response = send("PUT", "/alerts/config", "{\"rules\": [" + rule + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("rules[0].service");
            assertThat(error.get("reason").asString()).startsWith("must match [A-Za-z0-9_.:\\-]{1,128}");
        });
        assertThat(problem.get("detail").asString()).contains("rules[0].service must match");
        assertThat(rulesEndOffset()).isEqualTo(before);
    }

    @Test
    void canarySecretsNeverAppearInResponsesOrLogsAndTheMaskKeepsThem() throws Exception {
        String slackCanary = "CANARYSLACK" + run;
        String hookCanary = "CANARYHOOK" + run;
        String bearerCanary = "CANARYBEARER" + run;
        String smtpCanary = "CANARYSMTP" + run;
        ListAppender<ILoggingEvent> logs = captureLogs();
        receiver.answer(r -> r.path().startsWith("/services/"), (request, n) -> Receiver.Answer.of(500));
        // a dashboard connected throughout: every frame it gets is searched for the canaries too
        SocketClient socket = SocketClient.connect(api.webSocketUri());
        try {
            String config = """
                    {"notifications": {
                      "email": {"to": "ops@example.com", "smtp_host": "127.0.0.1", "smtp_port": %d,
                                "smtp_user": "monitor", "smtp_password": "%s", "from": "monitor@example.com"},
                      "slack": {"webhook_url": "%s"},
                      "webhook": {"url": "%s", "bearer_token": "%s"},
                      "group_wait": "100ms", "group_interval": "1s", "repeat_interval": "1h"}}
                    """.formatted(smtp.getSmtp().getPort(), smtpCanary, receiver.url("/services/T0/B0/" + slackCanary),
                    receiver.url("/hook?token=" + hookCanary), bearerCanary);
            assertThat(send("PUT", "/alerts/config", config).statusCode()).isEqualTo(200);

            JsonNode got = api.getJson("/alerts/config").get("notifications");
            assertThat(got.get("slack").get("webhook_url").asString()).isEqualTo(NotificationSettings.MASK);
            assertThat(got.get("email").get("smtp_password").asString()).isEqualTo(NotificationSettings.MASK);
            assertThat(got.get("webhook").get("url").asString()).isEqualTo(NotificationSettings.MASK);
            assertThat(got.get("webhook").get("bearer_token").asString()).isEqualTo(NotificationSettings.MASK);
            responses.add(got.toString());

            // the mask sent back keeps every stored secret: the receivers still get them
            assertThat(send("PUT", "/alerts/config", "{\"notifications\": " + got + "}").statusCode())
                    .isEqualTo(200);
            // error paths: a rejected URL carrying a secret, a failing Slack, a refused SMTP login
            assertThat(send("PUT", "/alerts/config", "{\"notifications\": {\"slack\": {\"webhook_url\": "
                    + "\"http://10.0.0.1/services/" + slackCanary + "x\"}}}").statusCode()).isEqualTo(400);
            JsonNode tested = Json.MAPPER.readTree(send("POST", "/debug/test-notifications", "").body());
            api.send(Topics.ALERTS.name(), "fp-s2-" + run, Json.encode(firing("s2-" + run, "s2_" + run,
                    Severity.CRITICAL)));
            await().atMost(BOUND).until(() -> receiver.requests("/services/T0/B0/" + slackCanary, "s2_" + run)
                    .size() >= 2 && receiver.requests("/hook", "s2_" + run).size() >= 1);
            await().atMost(BOUND).until(() -> api.count("select count(*) from notification_deliveries where "
                    + "alert_id = ? and channel = 'email' and attempts > 0", "s2-" + run) == 1);
            responses.add(send("GET", "/alerts/notifications?alert_id=s2-" + run, null).body());
            await().atMost(BOUND).until(() -> socket.ofType("alert").stream()
                    .anyMatch(m -> m.toString().contains("s2_" + run)));
            String frames = socket.frames();

            assertThat(tested.get("results")).extracting(r -> r.get("channel").asString())
                    .containsExactly("email", "slack", "webhook");
            assertThat(tested.get("results").get(1).get("delivered").asBoolean()).isFalse();
            assertThat(tested.get("results").get(2).get("delivered").asBoolean()).isTrue();
            assertThat(receiver.requests("/hook", "test_notification").get(0).headers().get("Authorization"))
                    .containsExactly("Bearer " + bearerCanary);
            String everything = String.join("\n", responses) + "\n" + render(logs) + "\n" + frames;
            System.out.printf("S2: 4 canaries, %d responses, %d log lines and %d WebSocket frames (%d chars) "
                    + "searched, %d occurrences%n", responses.size(), logs.list.size(), socket.messages.size(),
                    everything.length(), List.of(slackCanary, hookCanary, bearerCanary, smtpCanary).stream()
                            .filter(everything::contains).count());
            for (String canary : List.of(slackCanary, hookCanary, bearerCanary, smtpCanary)) {
                assertThat(frames).as("WebSocket frames").doesNotContain(canary);
                assertThat(everything).doesNotContain(canary);
            }
            assertThat(render(logs)).contains("Notification settings replaced");
            assertThat(frames).contains("s2_" + run);
        } finally {
            socket.close();
            ((Logger) LoggerFactory.getLogger(NOTIFY_LOGGER)).detachAppender(logs);
            receiver.reset();
            send("PUT", "/alerts/config", "{\"notifications\": {}}");
        }
    }

    @Test
    void webhookUrlsIntoTheOwnNetworkAreRefusedBeforeConnecting() throws Exception {
        for (String url : List.of(forbidden.url("/hook"), "http://localhost:" + forbidden.port() + "/hook",
                "file:///etc/passwd", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook",
                "http://[::1]:" + forbidden.port() + "/")) {
            HttpResponse<String> response = send("PUT", "/alerts/config",
                    "{\"notifications\": {\"webhook\": {\"url\": \"" + url + "\"}}}");

            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(response.body()).contains("notifications.webhook.url");
        }
        assertThat(forbidden.all()).isEmpty();
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        receiver.answer(r -> r.path().equals("/redirect"), (request, n) -> new Receiver.Answer(302,
                Map.of("Location", redirectTarget.url("/elsewhere"))));
        try {
            assertThat(send("PUT", "/alerts/config", "{\"notifications\": {\"webhook\": {\"url\": \""
                    + receiver.url("/redirect") + "\"}}}").statusCode()).isEqualTo(200);

            JsonNode result = Json.MAPPER.readTree(send("POST", "/debug/test-notifications", "").body())
                    .get("results").get(2);

            assertThat(result.get("delivered").asBoolean()).isFalse();
            assertThat(result.get("error").asString()).contains("redirect not followed");
            assertThat(receiver.requests("/redirect", "")).hasSize(1);
            assertThat(redirectTarget.all()).isEmpty();
        } finally {
            receiver.reset();
            send("PUT", "/alerts/config", "{\"notifications\": {}}");
        }
    }

    @Test
    void aPutThatChangesTheNotificationSettingsIsReportedAsOneConfigChangeEvent() throws Exception {
        String settingsA = "{\"notifications\": {\"group_wait\": \"7s\", \"repeat_interval\": \"3h\"}}";
        String settingsB = "{\"notifications\": {\"group_wait\": \"8s\", \"repeat_interval\": \"3h\"}}";
        assertThat(send("PUT", "/alerts/config", settingsA).statusCode()).isEqualTo(200);
        try (KafkaConsumer<byte[], byte[]> samples = samplesFromNow()) {
            String rules = "{\"rules\": " + api.getJson("/alerts/config").get("rules") + "}";

            // unchanged settings, then rules only: no report; then two changes: one report each
            assertThat(send("PUT", "/alerts/config", settingsA).statusCode()).isEqualTo(200);
            assertThat(send("PUT", "/alerts/config", rules).statusCode()).isEqualTo(200);
            assertThat(send("PUT", "/alerts/config", settingsB).statusCode()).isEqualTo(200);
            assertThat(send("PUT", "/alerts/config", settingsA).statusCode()).isEqualTo(200);

            // each PUT returns once its report is on the topic; this marker lands after them on the same partition
            Sample marker = new Sample(Sample.VERSION, SampleKind.EVENT, "it-marker-" + run, ConfigChange.SERVICE,
                    Instant.now(), true, null, null, null, Map.of(), Map.of());
            api.send(Topics.SAMPLES.name(), ConfigChange.SERVICE, Json.encode(marker));
            List<ConsumerRecord<byte[], byte[]>> reports = new ArrayList<>();
            boolean[] markerSeen = {false};
            await().atMost(BOUND).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : samples.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || !ConfigChange.SERVICE.equals(new String(record.key(),
                            StandardCharsets.UTF_8))) {
                        continue;
                    }
                    Sample sample = Json.decode(record.value(), Sample.class);
                    markerSeen[0] |= sample.host().equals(marker.host());
                    if (!markerSeen[0] && ConfigChange.of(sample).isPresent()) {
                        reports.add(record);
                    }
                }
                return markerSeen[0];
            });

            assertThat(reports).hasSize(2).allSatisfy(record -> {
                Sample sample = Json.decode(record.value(), Sample.class);
                assertThat(sample.service()).isEqualTo(ConfigChange.SERVICE);
                assertThat(sample.kind()).isEqualTo(SampleKind.EVENT);
                assertThat(ConfigChange.of(sample)).contains(new ConfigChange("notification_settings",
                        ConfigChange.Change.UPDATED));
            });
        } finally {
            send("PUT", "/alerts/config", "{\"notifications\": {}}");
        }
    }

    private static KafkaConsumer<byte[], byte[]> samplesFromNow() {
        KafkaConsumer<byte[], byte[]> consumer = consumer();
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SAMPLES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve it now, so that what is written from here on is read
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static AlertRule rule(String name, double threshold) {
        return new AlertRule(null, name, Severity.WARNING, "gateway", "latency_ms", Statistic.P95,
                Duration.ofMinutes(5), Comparison.GT, threshold, Duration.ofMinutes(5), Duration.ZERO,
                "p95 of {service} is {value}", Map.of("team", "core"));
    }

    /** The default rules as the processor writes them to the rules topic. */
    private static JsonNode defaultRules() {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(DefaultRules.all()));
    }

    private static List<String> ruleNames(JsonNode config) {
        List<String> names = new ArrayList<>();
        config.get("rules").forEach(rule -> names.add(rule.get("name").asString()));
        return names;
    }

    /** The last value per key on the rules topic, null for a tombstone. */
    private static Map<String, byte[]> latestRules() {
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(Topics.ALERT_RULES.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
                }
            }
        }
        return latest;
    }

    private static long rulesEndOffset() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(Topics.ALERT_RULES.name(), 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static String render(ListAppender<ILoggingEvent> logs) {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            out.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                out.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return out.toString();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + api.token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        responses.add(response.headers().map() + "\n" + response.body());
        return response;
    }
}
