package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.api.feed.SocketClient;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyKind;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Statistic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.anomaly;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anomaly episodes from {@code monitor.anomalies.v1} as the processor writes them (open, then closed): stored,
 * served by {@code GET /anomalies}, shown in {@code /metrics} while open and pushed as {@code anomaly} messages.
 */
class AnomaliesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
    private final Instant end = start.plus(Duration.ofMinutes(6));

    @BeforeAll
    static void startApi() {
        api = ApiFixture.shared();
    }

    @Test
    void episodeIsListedShownWhileOpenPushedTwiceAndNeverReopened() throws Exception {
        String service = "svc-anomaly-" + api.id;
        api.produce(window(service, "latency_ms", start, 900, 950));
        try (SocketClient client = SocketClient.connect(URI.create(api.webSocketUri()
                + "?types=anomaly&services=" + service))) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

            api.produce(anomaly(service, start, null, 900));
            await().atMost(WAIT).until(() -> openInMetrics(service).size() == 1);
            JsonNode shown = openInMetrics(service).get(0);
            assertThat(shown.get("metric").asString()).isEqualTo("latency_ms");
            assertThat(shown.get("statistic").asString()).isEqualTo("p95");
            assertThat(Instant.parse(shown.get("start").asString())).isEqualTo(start);
            assertThat(shown.get("observed").asDouble()).isEqualTo(900);
            assertThat(shown.get("baseline").asDouble()).isEqualTo(400);
            assertThat(shown.get("direction").asString()).isEqualTo("up");
            await().atMost(WAIT).until(() -> list("?service=" + service + "&state=open").get("total").asInt() == 1);
            assertThat(snapshotAnomalies(service)).hasSize(1);

            api.produce(anomaly(service, start, end, 1200));
            await().atMost(WAIT).until(() -> openInMetrics(service).isEmpty());
            await().atMost(WAIT).until(() -> client.ofType("anomaly").size() == 2);

            assertThat(client.ofType("anomaly")).extracting(m -> m.get("data").get("state").asString())
                    .containsExactly("open", "closed");
            assertThat(client.ofType("anomaly")).allSatisfy(m -> assertThat(m.has("seq")).isTrue());
            assertThat(client.ofType("metrics_update")).isEmpty();
        }
        await().atMost(WAIT).until(() -> list("?service=" + service + "&state=closed").get("total").asInt() == 1);
        JsonNode closed = list("?service=" + service).get("anomalies").get(0);
        assertThat(closed.get("state").asString()).isEqualTo("closed");
        assertThat(closed.get("resolution").asString()).isEqualTo("1m");
        assertThat(Instant.parse(closed.get("end").asString())).isEqualTo(end);
        assertThat(closed.get("observed").asDouble()).isEqualTo(1200);
        assertThat(closed.get("score").asDouble()).isEqualTo(6.5);

        api.produce(anomaly(service, start, null, 900));
        await().atMost(WAIT).until(api::historyCaughtUp);

        assertThat(api.count("select count(*) from anomaly_episodes where service = ? and state = 'closed' "
                + "and ends_at is not null", service)).isEqualTo(1);
        assertThat(api.count("select count(*) from anomaly_episodes where service = ?", service)).isEqualTo(1);
        assertThat(openInMetrics(service)).isEmpty();
    }

    @Test
    void openRowsOfPostgresSeedTheModelAndClosedOnesDoNot() throws Exception {
        String service = "svc-anomaly-seed-" + api.id;
        api.produce(window(service, "latency_ms", start, 900));
        await().atMost(WAIT).until(() -> api.get("/metrics/" + service).statusCode() == 200);
        insert(service, "p95", "open", null);
        insert(service, "p99", "closed", end);

        api.context().getBean(AnomalySeed.class).start();

        assertThat(openInMetrics(service)).extracting(e -> e.get("statistic").asString()).containsExactly("p95");
    }

    @Test
    void aConsistencyFindingIsServedWithItsKindFindingAndMessageBesideAnEpisodeOfTheSameStart() throws Exception {
        String service = "svc-consistency-" + api.id;
        api.produce(anomaly(service, start, null, 900));
        api.produce(new AnomalyEpisode(null, service, "latency_ms", Statistic.ERROR_RATE, "1m", AnomalyState.OPEN,
                start, null, 0.5, 0.2, 0, AnomalyDirection.UP, AnomalyKind.CONSISTENCY, "probe_up_traffic_failing",
                "probes say " + service + " is up while its traffic failed 50 % of 40 requests"));
        await().atMost(WAIT).until(() -> list("?service=" + service).get("total").asInt() == 2);

        JsonNode findings = list("?service=" + service + "&kind=consistency");

        assertThat(findings.get("total").asInt()).isEqualTo(1);
        JsonNode finding = findings.get("anomalies").get(0);
        assertThat(finding.get("kind").asString()).isEqualTo("consistency");
        assertThat(finding.get("finding").asString()).isEqualTo("probe_up_traffic_failing");
        assertThat(finding.get("message").asString()).contains("is up while its traffic failed 50 %");
        assertThat(finding.get("state").asString()).isEqualTo("open");
        JsonNode episodes = list("?service=" + service + "&kind=anomaly");
        assertThat(episodes.get("total").asInt()).isEqualTo(1);
        assertThat(episodes.get("anomalies").get(0).has("kind")).as("an episode reads back as it came").isFalse();
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        String service = "svc-anomaly-filter-" + api.id;
        api.produce(anomaly(service, start, end, 1200));
        await().atMost(WAIT).until(() -> list("?service=" + service).get("total").asInt() == 1);

        assertThat(list("?service=" + service + "&metric=latency_ms&statistic=P95&state=all").get("total").asInt())
                .isEqualTo(1);
        assertThat(list("?service=" + service + "&metric=error_rate").get("total").asInt()).isZero();
        assertThat(list("?service=" + service + "&statistic=p99").get("total").asInt()).isZero();
        assertThat(list("?service=" + service + "&state=open").get("total").asInt()).isZero();
        assertThat(list("?service=" + service + "&start=" + end.plusSeconds(1)).get("total").asInt()).isZero();
        assertThat(list("?service=" + service + "&end=" + start).get("total").asInt()).isZero();
        assertThat(list("?service=" + service + "&start=" + start.plusSeconds(60) + "&end=" + end).get("total")
                .asInt()).isEqualTo(1);
        assertThat(list("?service=" + service + "&size=1&page=1").get("anomalies")).isEmpty();
    }

    @Test
    void badParametersAreProblemsAndReadsNeedAToken() throws Exception {
        for (String query : new String[] {"?state=firing", "?statistic=p42", "?metric=a%20b", "?size=0",
                "?start=" + end + "&end=" + start, "?start=yesterday"}) {
            HttpResponse<String> response = api.get("/anomalies" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(api.request("GET", "/anomalies", null, null).statusCode()).isEqualTo(401);
        assertThat(api.request("GET", "/anomalies", null, ApiFixture.VIEWER_TOKEN).statusCode()).isEqualTo(200);
    }

    private void insert(String service, String statistic, String state, Instant endsAt) throws Exception {
        api.execute("insert into anomaly_episodes (service, metric, statistic, resolution, starts_at, state, ends_at, "
                + "observed, baseline, score, direction, v) values ('" + service + "', 'latency_ms', '" + statistic
                + "', '1m', '" + start + "', '" + state + "', " + (endsAt == null ? "null" : "'" + endsAt + "'")
                + ", 900, 400, 6.5, 'up', 1)");
    }

    private static JsonNode list(String query) throws Exception {
        return api.getJson("/anomalies" + query);
    }

    private static List<JsonNode> openInMetrics(String service) throws Exception {
        List<JsonNode> open = new ArrayList<>();
        api.getJson("/metrics/" + service).get("anomalies").forEach(open::add);
        return open;
    }

    private static List<JsonNode> snapshotAnomalies(String service) throws Exception {
        try (SocketClient later = SocketClient.connect(URI.create(api.webSocketUri() + "?services=" + service))) {
            await().atMost(WAIT).until(() -> !later.ofType("snapshot").isEmpty());
            List<JsonNode> open = new ArrayList<>();
            later.ofType("snapshot").get(0).get("data").get("anomalies").forEach(open::add);
            return open;
        }
    }
}
