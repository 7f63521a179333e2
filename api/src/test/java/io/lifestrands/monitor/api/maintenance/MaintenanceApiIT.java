package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.TestRecords;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * {@code /maintenance} on the shared api with real Kafka, PostgreSQL and Redis: validation, the operator token, the
 * round trip through {@code monitor.maintenance.v1}, the {@code maintenance} status and availability without
 * maintenance in {@code /metrics/history}.
 */
class MaintenanceApiIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The dashboard snapshot's key in Redis ({@code analytics.AnalyticsController}). */
    private static final String DASHBOARD_KEY = "monitor:dashboard";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void badWindowsAreRefusedWithTheReason() throws Exception {
        assertProblem(body("svc", "Mars/Olympus", "2026-01-01T10:00", "2026-01-01T11:00", "none"),
                "zone must be a known IANA time zone");
        assertProblem(body("svc", "Europe/Berlin", "2026-01-01T10:00", "2026-01-01T09:00", "none"),
                "end must be after start");
        assertProblem(body("svc", "Europe/Berlin", "2026-01-01T10:00", "2026-01-01T11:00", "hourly"),
                "repeat must be none, daily or weekly");
        assertProblem(body("svc", "Europe/Berlin", "tomorrow", "2026-01-01T11:00", "none"),
                "start must be a local date-time");
        assertProblem("""
                {"services": [], "zone": "UTC", "start": "2026-01-01T10:00", "end": "2026-01-01T11:00"}""",
                "services must name at least one service");
        assertProblem(body("svc", "Europe/Berlin", "2026-01-01T10:00", "2026-01-02T11:00", "daily"),
                "daily window must end less than PT24H");
    }

    @Test
    void onlyAnOperatorManagesWindows() throws Exception {
        String json = body("svc-viewer-" + api.id, "UTC", "2026-01-01T10:00", "2026-01-01T11:00", "none");

        assertThat(api.request("POST", "/maintenance", json, ApiFixture.VIEWER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(api.request("GET", "/maintenance", null, ApiFixture.VIEWER_TOKEN).statusCode()).isEqualTo(403);
        assertThat(api.request("GET", "/maintenance", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void windowIsAddedReplacedAndDeletedThroughTheTopic() throws Exception {
        String id = "weekly-" + api.id;
        JsonNode added = api.postJson("/maintenance", """
                {"id": "%s", "services": ["svc-crud-%s"], "zone": "Europe/Berlin", "start": "2026-03-22T01:00",
                 "end": "2026-03-22T04:00", "repeat": "weekly", "comment": "upgrades", "created_by": "it"}
                """.formatted(id, api.id), 201);

        assertThat(added.path("repeat").asString()).isEqualTo("weekly");
        assertThat(added.path("created_by").asString()).isEqualTo("it");
        assertThat(added.has("active")).isTrue();
        assertThat(added.path("next").path("start").asString()).isNotEmpty();
        assertThat(api.post("/maintenance", """
                {"id": "%s", "services": ["x"], "zone": "UTC", "start": "2026-01-01T10:00", "end": "2026-01-01T11:00"}
                """.formatted(id)).statusCode()).isEqualTo(409);

        HttpResponse<String> replaced = api.request("PUT", "/maintenance/" + id, """
                {"services": ["svc-crud-%s"], "zone": "Europe/Berlin", "start": "2026-03-22T02:00",
                 "end": "2026-03-22T03:00", "repeat": "weekly", "days": ["sunday", "wednesday"], "comment": "moved"}
                """.formatted(api.id), api.token);
        assertThat(replaced.statusCode()).isEqualTo(200);
        JsonNode one = api.getJson("/maintenance/" + id);
        assertThat(one.path("days").valueStream().map(JsonNode::asString)).containsExactly("WEDNESDAY", "SUNDAY");
        assertThat(one.path("created_by").asString()).isEqualTo("it");

        try (ApiFixture other = new ApiFixture()) {
            await().atMost(WAIT).until(() -> other.get("/maintenance/" + id).statusCode() == 200);
            assertThat(other.getJson("/maintenance/" + id).path("comment").asString()).isEqualTo("moved");

            assertThat(api.request("DELETE", "/maintenance/" + id, null, api.token).statusCode()).isEqualTo(204);

            assertThat(api.get("/maintenance/" + id).statusCode()).isEqualTo(404);
            await().atMost(WAIT).until(() -> other.get("/maintenance/" + id).statusCode() == 404);
        }
    }

    @Test
    void statusReadsMaintenanceWithTheProbedStatusBeside() throws Exception {
        String service = "svc-status-" + api.id;
        api.produce(change(service, ServiceStatus.UNKNOWN, ServiceStatus.UP, Instant.now()));
        await().atMost(WAIT).until(() -> api.get("/metrics/" + service).statusCode() == 200);

        String id = maintenance(service, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(1)));

        JsonNode metrics = api.getJson("/metrics/" + service);
        assertThat(metrics.path("status").asString()).isEqualTo("maintenance");
        assertThat(metrics.path("probed_status").asString()).isEqualTo("up");
        assertThat(metrics.path("maintenance").valueStream().map(JsonNode::asString)).containsExactly(id);
        JsonNode health = api.getJson("/health/services").path("services").path(service);
        assertThat(health.path("status").asString()).isEqualTo("maintenance");
        assertThat(health.path("probed_status").asString()).isEqualTo("up");
        try (JedisPooled redis = new JedisPooled(URI.create(api.redisUrl))) {
            // the dashboard snapshot mirrored to Redis, rewritten every few seconds
            await().atMost(WAIT).until(() -> redis.get(DASHBOARD_KEY) != null && "maintenance".equals(Json.MAPPER
                    .readTree(redis.get(DASHBOARD_KEY)).path("services").path(service).path("status").asString()));
        }

        api.request("DELETE", "/maintenance/" + id, null, api.token);

        assertThat(api.getJson("/metrics/" + service).path("status").asString()).isEqualTo("up");
        assertThat(api.getJson("/metrics/" + service).has("probed_status")).isFalse();
    }

    @Test
    void historyAvailabilityLeavesMaintenanceOut() throws Exception {
        String service = "svc-availability-" + api.id;
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        Duration minute = Duration.ofMinutes(1);
        for (int failed : new int[] {0, 4, 1}) { // four checks a minute; the middle minute will be maintenance
            api.produce(TestRecords.window(service, Names.PROBE_LATENCY_MS, "1m", t0.plus(minute.multipliedBy(
                    failed == 0 ? 0 : failed == 4 ? 1 : 2)), minute, failed, 10, 10, 10, 10));
        }
        String path = "/metrics/history?service=" + service + "&metric=" + Names.PROBE_LATENCY_MS + "&resolution=1m"
                + "&start=" + t0 + "&end=" + t0.plus(minute.multipliedBy(3));
        await().atMost(WAIT).until(() -> api.getJson(path).path("series").path(0).path("windows").size() == 3);
        JsonNode before = api.getJson(path).path("series").path(0).path("availability");

        maintenance(service, t0.plus(minute), t0.plus(minute.multipliedBy(2)));
        JsonNode after = api.getJson(path).path("series").path(0).path("availability");

        assertThat(before.path("value").asDouble()).isCloseTo(7 / 12.0, within(1e-9));
        assertThat(before.path("excluded_windows").asInt()).isZero();
        assertThat(after.path("value").asDouble()).isCloseTo(7 / 8.0, within(1e-9));
        assertThat(after.path("including_maintenance").asDouble()).isCloseTo(7 / 12.0, within(1e-9));
        assertThat(after.path("excluded_windows").asInt()).isEqualTo(1);
    }

    /** Adds a one-off window on {@code service} from {@code start} to {@code end}, in Berlin local time; its id. */
    private static String maintenance(String service, Instant start, Instant end) throws Exception {
        String json = body(service, BERLIN.getId(), LocalDateTime.ofInstant(start, BERLIN).toString(),
                LocalDateTime.ofInstant(end, BERLIN).toString(), "none");
        return api.postJson("/maintenance", json, 201).path("id").asString();
    }

    private static String body(String service, String zone, String start, String end, String repeat) {
        return """
                {"services": ["%s"], "zone": "%s", "start": "%s", "end": "%s", "repeat": "%s", "comment": "it"}
                """.formatted(service, zone, start, end, repeat);
    }

    private static void assertProblem(String json, String reason) throws Exception {
        HttpResponse<String> response = api.post("/maintenance", json);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(Json.MAPPER.readTree(response.body()).path("detail").asString()).contains(reason);
    }
}
