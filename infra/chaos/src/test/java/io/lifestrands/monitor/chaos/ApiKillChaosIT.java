package io.lifestrands.monitor.chaos;

import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUALITY R10 on real processes: the api ({@code ApiApplication}) as a child JVM on real Kafka, PostgreSQL and Redis,
 * killed with SIGKILL {@code chaos.api-kills} times (2 in CI, 10 with {@code -Pchaos-api-long}) and restarted at once
 * while a seeded generator publishes final one-minute windows on {@code monitor.metrics.v1} and alert episodes
 * (firing, then resolved) on {@code monitor.alerts.v1}; its ground truth is every record the broker acknowledged. A
 * webhook receiver on loopback counts the notifications per (alert id, state). Afterwards the {@code metric_windows}
 * rows of the run must equal the ground truth (one row per window, count and sum exact) and every episode's latest
 * transition must have been notified. Then an api with new consumer groups replays both topics from offset 0 on the same database:
 * the checksum must stay equal and not one notification may be sent again.
 */
class ApiKillChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ApiKillChaosIT.class);
    private static final Path WORK = Path.of("target", "chaos");
    private static final int SERVICES = 20;
    private static final Duration BOUND = Duration.ofSeconds(180);
    private static final String API_MAIN = "io.lifestrands.monitor.api.ApiApplication";
    private static final String API_READY = "Started ApiApplication";

    private final Clock clock = Clock.systemUTC();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "r10-" + id;
    private final String rule = "r10_" + id;
    /** Ground truth: acknowledged windows by service and start, as count and sum. */
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    /** Ground truth: acknowledged transitions as {@code alertId/state}. */
    private final Set<String> transitions = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedSends = new AtomicLong();

    @Test
    void killNineUnderLoadThenFullReplayKeepsTablesExactAndSendsNothingTwice() throws Exception {
        int kills = Integer.getInteger("chaos.api-kills", 2);
        Duration load = Duration.ofSeconds(Long.getLong("chaos.api-load-seconds", 20));
        EmbeddedPostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("chaos_r10_" + id.replace('-', '_'));
        Files.createDirectories(WORK);
        Instant started = clock.instant();

        try (Receiver receiver = new Receiver(rule);
             KafkaProducer<byte[], byte[]> producer = producer(TestServers.kafka().bootstrapServers());
             Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                     TestServers.kafka().bootstrapServers()))) {
            Topics.createMissing(admin, (short) -1);
            int killed = 0;
            try (ProcessorInstance api = api("a", postgres.databaseUrl(database), receiver)) {
                api.start();
                assertThat(api.awaitRunning(BOUND)).as(api.logFile().toString()).isTrue();
                ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor();
                Random random = new Random(Long.getLong("chaos.seed", 42));
                AtomicLong tick = new AtomicLong();
                Instant base = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(1));
                generator.scheduleAtFixedRate(() -> produce(producer, random, tick.getAndIncrement(), base), 0, 100,
                        TimeUnit.MILLISECONDS);
                try {
                    Duration between = load.dividedBy(kills + 1);
                    for (int k = 0; k < kills; k++) {
                        Thread.sleep(between.toMillis());
                        // each kill hits an api that has started and is consuming
                        assertThat(api.awaitRunning(BOUND)).as(api.logFile().toString()).isTrue();
                        api.kill();
                        killed++;
                        api.start();
                    }
                    Thread.sleep(between.toMillis());
                } finally {
                    generator.shutdown();
                    assertThat(generator.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                    producer.flush();
                }
                assertThat(api.awaitRunning(BOUND)).as(api.logFile().toString()).isTrue();
                awaitTrue(() -> rows(postgres, database).size() >= windows.size()
                        && receiver.counts().keySet().containsAll(latestTransitions()), () -> "all windows ("
                        + rows(postgres, database).size() + " of " + windows.size() + " rows) and notifications ("
                        + receiver.counts().size() + " of " + latestTransitions().size() + ")");
            }
            Map<String, long[]> afterKills = rows(postgres, database);
            Map<String, Integer> sent = receiver.counts();
            long resent = sent.values().stream().mapToLong(n -> n - 1).sum();
            log.info("R10: {} kills, {} windows and {} transitions acknowledged; {} rows; {} notifications, {} of them"
                            + " repeats", killed, windows.size(), transitions.size(), afterKills.size(),
                    sent.values().stream().mapToInt(Integer::intValue).sum(), resent);
            assertThat(killed).isEqualTo(kills);
            assertThat(failedSends.get()).isZero();
            assertChecksum(afterKills);
            assertThat(sent.keySet()).containsAll(latestTransitions());

            // full replay: new consumer groups read both topics from offset 0 into the same database
            String replay = "replay";
            try (ProcessorInstance api = api(replay, postgres.databaseUrl(database), receiver)) {
                api.start();
                assertThat(api.awaitRunning(BOUND)).as(api.logFile().toString()).isTrue();
                awaitTrue(() -> caughtUp(admin, historyGroup(replay), Topics.METRICS.name(),
                        Topics.METRICS.partitions()) && caughtUp(admin, historyGroup(replay),
                        Topics.ALERTS.name(), Topics.ALERTS.partitions()) && caughtUp(admin,
                        notifyGroup(replay), Topics.ALERTS.name(), Topics.ALERTS.partitions()),
                        () -> "the replaying api caught up");
                // a delivery decided from the replay would be sent within the group wait and one tick
                Thread.sleep(3_000);
            }
            Map<String, long[]> afterReplay = rows(postgres, database);
            Map<String, Integer> sentAfterReplay = receiver.counts();
            log.info("R10 replay: {} rows; notifications {} before, {} after; took {} s", afterReplay.size(),
                    sent.values().stream().mapToInt(Integer::intValue).sum(),
                    sentAfterReplay.values().stream().mapToInt(Integer::intValue).sum(),
                    Duration.between(started, clock.instant()).toSeconds());
            assertChecksum(afterReplay);
            assertThat(sentAfterReplay).isEqualTo(sent);
        }
    }

    /**
     * Each episode's latest acknowledged transition: what must have been notified. An episode that fired and resolved
     * before its first message went out is sent once, as resolved (the dispatcher groups like Alertmanager).
     */
    private Set<String> latestTransitions() {
        Set<String> latest = new HashSet<>();
        transitions.forEach(t -> {
            String alertId = t.substring(0, t.lastIndexOf('/'));
            if (t.endsWith("/resolved") || !transitions.contains(alertId + "/resolved")) {
                latest.add(t);
            }
        });
        return latest;
    }

    private void assertChecksum(Map<String, long[]> rows) {
        Set<String> missing = windows.keySet().stream().filter(k -> !rows.containsKey(k)).collect(Collectors.toSet());
        Set<String> extra = rows.keySet().stream().filter(k -> !windows.containsKey(k)).collect(Collectors.toSet());
        Set<String> wrong = windows.entrySet().stream().filter(e -> rows.containsKey(e.getKey())
                && !Arrays.equals(rows.get(e.getKey()), e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        log.info("R10 checksum: {} windows in the ground truth, {} rows: {} missing, {} extra, {} wrong", windows.size(),
                rows.size(), missing.size(), extra.size(), wrong.size());
        assertThat(missing).as("missing windows").isEmpty();
        assertThat(extra).as("rows nobody produced").isEmpty();
        assertThat(wrong).as("windows with another count, sum or row count").isEmpty();
    }

    /**
     * The run's {@code metric_windows} rows by service and start: count, sum and how many rows share the key (the
     * primary key makes it 1; counted anyway, so a schema change cannot hide duplicates).
     */
    private Map<String, long[]> rows(EmbeddedPostgresServer postgres, String database) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(),
                postgres.password());
             PreparedStatement select = connection.prepareStatement("select service, window_start, sum(count),"
                     + " sum(sum), count(*) from metric_windows where service like ? and resolution = '1m'"
                     + " group by service, window_start")) {
            select.setString(1, prefix + "-%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant(),
                            new long[]{rs.getLong(3), Math.round(rs.getDouble(4)), rs.getLong(5)});
                }
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("metric_windows")) {
                return out; // not migrated yet
            }
            throw e;
        }
        return out;
    }

    /** One tick of the seeded load: two windows, and every 10th tick an alert episode fires and an older resolves. */
    private void produce(KafkaProducer<byte[], byte[]> producer, Random random, long tick, Instant base) {
        for (int i = 0; i < 2; i++) {
            long n = tick * 2 + i;
            String service = prefix + "-s" + (n % SERVICES);
            Instant start = base.plus(Duration.ofMinutes(n / SERVICES));
            long count = 1 + random.nextInt(500);
            long errors = random.nextInt((int) count + 1) / 10;
            long min = 1 + random.nextInt(50);
            long max = min + random.nextInt(5_000);
            long sum = min + max + (count - 2) * ((min + max) / 2);
            var sketch = SketchCodec.newSketch();
            sketch.accept(min);
            sketch.accept(max);
            MetricWindow window = new MetricWindow(1, service, "latency_ms", "1m", start, start.plusSeconds(60),
                    count, errors, sum, min, max, (double) sum / count, min, max, max, count, (double) errors / count,
                    SketchCodec.toBase64(sketch), null);
            String key = service + "@" + start;
            producer.send(record(Topics.METRICS.name(), window.key(), Json.encode(window)), (meta, e) -> {
                if (e == null) {
                    windows.put(key, new long[]{count, sum, 1});
                } else {
                    failedSends.incrementAndGet();
                }
            });
        }
        if (tick % 10 == 0) {
            long episode = tick / 10;
            send(producer, alert(episode, AlertState.FIRING));
            if (episode >= 2) {
                send(producer, alert(episode - 2, AlertState.RESOLVED));
            }
        }
    }

    private AlertEvent alert(long episode, AlertState state) {
        String fingerprint = rule + "|" + prefix + "-s" + (episode % SERVICES) + "|" + episode;
        Instant startsAt = Instant.ofEpochSecond(1_800_000_000L + episode);
        return new AlertEvent(1, fingerprint + "-" + startsAt.toEpochMilli(), fingerprint, rule, Severity.WARNING,
                prefix + "-s" + (episode % SERVICES), state, 1, 0, "R10 episode " + episode, startsAt,
                state == AlertState.RESOLVED ? startsAt.plusSeconds(5) : null, Map.of());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, AlertEvent event) {
        String transition = event.id() + "/" + (event.state() == AlertState.FIRING ? "firing" : "resolved");
        producer.send(record(Topics.ALERTS.name(), event.fingerprint(), Json.encode(event)), (meta, e) -> {
            if (e == null) {
                transitions.add(transition);
            } else {
                failedSends.incrementAndGet();
            }
        });
    }

    private ProcessorInstance api(String run, String databaseUrl, Receiver receiver) {
        int port = Ports.free();
        List<String> args = List.of(
                "--server.port=" + port,
                "--monitor.api.bootstrap-servers=" + TestServers.kafka().bootstrapServers(),
                "--monitor.api.redis-url=" + TestServers.redis().url(),
                "--monitor.api.database-url=" + databaseUrl,
                "--monitor.api.auth.token=" + UUID.randomUUID(),
                "--monitor.api.auth.token-file=" + WORK.toAbsolutePath().resolve(prefix + "-token"),
                "--monitor.api.history.group-id=" + historyGroup(run),
                "--monitor.api.notify.group-id=" + notifyGroup(run),
                "--monitor.api.notify.webhook-url=" + receiver.url(),
                "--monitor.api.notify.allowed-hosts=127.0.0.1:" + receiver.port(),
                "--monitor.api.notify.group-wait=200ms",
                "--monitor.api.notify.group-interval=1s",
                "--monitor.api.notify.tick=100ms",
                "--monitor.api.notify.retry-initial-delay=200ms",
                "--monitor.api.notify.retry-max-delay=1s");
        return new ProcessorInstance(prefix + "-api-" + run, API_MAIN, args, "384m", API_READY, Map.of(), WORK,
                clock);
    }

    private String historyGroup(String run) {
        return "chaos-" + prefix + "-history-" + run;
    }

    private String notifyGroup(String run) {
        return "chaos-" + prefix + "-notify-" + run;
    }

    private void awaitTrue(BooleanSupplierWithException condition, Describer what) throws Exception {
        Instant deadline = clock.instant().plus(BOUND);
        while (!condition.getAsBoolean()) {
            if (!clock.instant().isBefore(deadline)) {
                assertThat(clock.instant()).as("waiting for " + what.describe()).isBefore(deadline);
            }
            Thread.sleep(500);
        }
    }

    /** Whether {@code group} has committed up to the current end of every partition of {@code topic}. */
    private static boolean caughtUp(Admin admin, String group, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || (committed.get(end.getKey()) != null
                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @FunctionalInterface
    private interface Describer {
        String describe() throws Exception;
    }

    @FunctionalInterface
    private interface BooleanSupplierWithException {
        boolean getAsBoolean() throws Exception;
    }

    /**
     * A loopback webhook receiver that answers 200 and counts, per {@code alert_id/status}, the alerts of one rule in
     * the Alertmanager-style bodies it is sent.
     */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final String rule;
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        Receiver(String rule) throws IOException {
            this.rule = rule;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/webhook", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    count(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        @SuppressWarnings("unchecked")
        private void count(String body) {
            Map<String, Object> payload = Json.read(body, Map.class);
            for (Object entry : (List<Object>) payload.getOrDefault("alerts", List.of())) {
                Map<String, Object> alert = (Map<String, Object>) entry;
                Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
                if (rule.equals(labels.get("alertname"))) {
                    Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
                    counts.merge(annotations.get("alert_id") + "/" + alert.get("status"), 1, Integer::sum);
                }
            }
        }

        Map<String, Integer> counts() {
            return Map.copyOf(counts);
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url() {
            return "http://127.0.0.1:" + port() + "/webhook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
