package io.lifestrands.monitor.api;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The api started against the test JVM's real Kafka, PostgreSQL (a fresh database) and Redis, with a unique history
 * group, plus the clients a test needs: a producer onto the real topics, HTTP, and JDBC.
 */
public final class ApiFixture implements AutoCloseable {

    public final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    public final String database = "api_it_" + id;
    public final String group = "api-it-" + id;
    /** The processor application id (consumer group) this api's {@code /health} checks; no processor runs in it. */
    public final String processorGroup = "processor-it-" + id;
    private final EmbeddedPostgresServer postgres = TestServers.postgres();
    /** The shared test broker, or {@code monitor.api.bootstrap-servers} of {@code extra} (e.g. a private one). */
    private final String bootstrap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final ConfigurableApplicationContext app;
    public final int port;
    /** The full-access bearer token the api runs with. */
    public final String token = "test-token-" + UUID.randomUUID();

    /** Token with the viewer role on the {@link #shared()} api. */
    public static final String VIEWER_TOKEN = "viewer-token-0123456789";
    /** A second full-access token on the {@link #shared()} api, e.g. for a separate rate-limit bucket. */
    public static final String OPERATOR_TOKEN = "operator-token-0123456789";
    private static ApiFixture shared;
    /** The one collector the {@link #shared()} api knows of; nothing listens there. */
    public static final String ABSENT_COLLECTOR = "http://127.0.0.1:" + Ports.free();
    /** The Redis (and database) this api mirrors its live state to. */
    public final String redisUrl;
    /** Redis databases 1-15 in turn, so apis sharing the test Redis do not read each other's mirrored documents. */
    private static final AtomicInteger REDIS_DATABASES = new AtomicInteger();

    public ApiFixture() {
        this(Map.of());
    }

    /**
     * One api for the test classes that need nothing special, started once per JVM (each start costs seconds on a
     * busy machine) and closed when the JVM ends; it also accepts {@link #VIEWER_TOKEN} and {@link #OPERATOR_TOKEN}.
     * Tests on it use unique service names and must not close it.
     */
    public static synchronized ApiFixture shared() {
        if (shared == null) {
            shared = new ApiFixture(Map.of("monitor.api.auth.viewer-token", VIEWER_TOKEN,
                    "monitor.api.auth.operator-token", OPERATOR_TOKEN,
                    // injections produce a sample every 200 ms, so a 1 s simulated failure yields several
                    "monitor.api.debug.inject-interval", "200ms",
                    // a collector that is not there: /debug/collection-status must say so, not fail
                    "monitor.api.debug.collector-urls", ABSENT_COLLECTOR,
                    // no processor answers backtests here: the 504 comes after seconds, not the default minute
                    "monitor.api.rules.backtest-timeout", "5s"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "shared-api-close"));
        }
        return shared;
    }

    /** @param redisUrl the Redis to use, e.g. a private one a test stops and starts */
    public ApiFixture(String redisUrl) {
        this(redisUrl, Map.of());
    }

    /** @param extra further api properties, e.g. rate limits */
    public ApiFixture(Map<String, Object> extra) {
        this(TestServers.redis().url() + "/" + (1 + REDIS_DATABASES.getAndIncrement() % 15), extra);
    }

    public ApiFixture(String redisUrl, Map<String, Object> extra) {
        this.redisUrl = redisUrl;
        this.bootstrap = extra.containsKey("monitor.api.bootstrap-servers")
                ? String.valueOf(extra.get("monitor.api.bootstrap-servers"))
                : TestServers.kafka().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        Topics.createMissing(admin, (short) 1);
        postgres.createDatabase(database);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("monitor.api.bootstrap-servers", bootstrap);
        props.put("monitor.api.redis-url", redisUrl);
        props.put("monitor.api.database-url", postgres.databaseUrl(database));
        props.put("monitor.api.history.group-id", group);
        props.put("monitor.api.live.push-interval", "500ms");
        props.put("monitor.api.retry-max-delay", "1s");
        props.put("monitor.api.auth.token", token);
        props.put("monitor.api.notify.group-id", "api-it-notify-" + id);
        props.put("monitor.api.processor-application-id", processorGroup);
        props.putAll(extra);
        app = ApiApplication.start(props);
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * A running processor instance as {@code /health} sees one: a member of {@link #processorGroup}. Returns once this
     * api's background check has seen it, so that what a test asserts next does not race that check.
     */
    public ProcessorInstance processorInstance() {
        ProcessorInstance instance = ProcessorInstance.join(bootstrap, processorGroup);
        await().atMost(Duration.ofSeconds(60)).until(() -> getJson("/health").get("dependencies").get("processor")
                .get("status").asString().equals("up"));
        return instance;
    }

    /** The running api, e.g. to publish an application event or look up a bean. */
    public ConfigurableApplicationContext context() {
        return app;
    }

    public void produce(MetricWindow window) {
        send(Topics.METRICS.name(), window.key(), Json.encode(window));
    }

    public void produce(AlertEvent alert) {
        send(Topics.ALERTS.name(), alert.fingerprint(), Json.encode(alert));
    }

    public void produce(AnomalyEpisode episode) {
        send(Topics.ANOMALIES.name(), episode.key(), Json.encode(episode));
    }

    public void produce(StatusChange change) {
        send(Topics.STATUS.name(), change.service(), Json.encode(change));
    }

    /** Sends without waiting; {@link #flush()} waits for everything sent so far. */
    public void sendAsync(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    public void flush() {
        producer.flush();
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("produce to " + topic + " failed", e);
        }
    }

    /** Whether the history group has committed up to the current end of every topic it reads. */
    public boolean historyCaughtUp() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.METRICS.name(), Topics.STATUS.name(),
                        Topics.ALERTS.name(), Topics.ANOMALIES.name()))
                .allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
    }

    /** GET with the full-access token. */
    public HttpResponse<String> get(String path) throws Exception {
        return request("GET", path, null, token);
    }

    /** POST of a JSON body (may be null) with the full-access token. */
    public HttpResponse<String> post(String path, String json) throws Exception {
        return request("POST", path, json, token);
    }

    /** POST that must answer {@code status}; returns the parsed body. */
    public JsonNode postJson(String path, String json, int status) throws Exception {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != status) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /**
     * Any request.
     *
     * @param json  the body, sent as application/json; null for none
     * @param token bearer token; null for none
     */
    public HttpResponse<String> request(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET that must answer 200; returns the parsed body. */
    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** {@code monitor.api.database-url} of this fixture's database, for a second api on the same history. */
    public String databaseUrl() {
        return postgres.databaseUrl(database);
    }

    public URI webSocketUri() {
        return URI.create("ws://localhost:" + port + "/ws/monitor");
    }

    public long count(String sql, Object... params) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    @Override
    public void close() {
        app.close();
        producer.close();
        admin.close();
    }
}
