package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.DoubleStream;

import static io.lifestrands.monitor.api.TestRecords.change;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/** History consumer and {@code /metrics/history} against real Kafka, PostgreSQL and Redis. */
class HistoryIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));

    @BeforeAll
    static void startApi() {
        api = new ApiFixture();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void storesEachRecordExactlyOnceEvenWhenProducedTwice() throws Exception {
        String service = "svc-twice-" + api.id;
        MetricWindow window = window(service, "latency_ms", start, 10, 20, 30);
        StatusChange change = change(service, ServiceStatus.UP, ServiceStatus.DOWN, start.plusSeconds(5));

        for (int copy = 0; copy < 2; copy++) {
            api.produce(window);
            api.produce(change);
        }
        api.produce(window(service, "latency_ms", "live1m", start, MINUTE, 0, 10));

        await().atMost(WAIT).until(api::historyCaughtUp);
        assertThat(api.count("select count(*) from metric_windows where service = ?", service)).isEqualTo(1);
        assertThat(api.count("select count(*) from metric_windows where service = ? and count = 3", service))
                .isEqualTo(1);
        assertThat(api.count("select count(*) from status_changes where service = ? and new_status = 'down'",
                service)).isEqualTo(1);
    }

    @Test
    void historyReturnsTheWindowsAndASummaryMergedFromTheirSketches() throws Exception {
        String service = "svc-history-" + api.id;
        api.produce(window(service, "latency_ms", start, DoubleStream.generate(() -> 10).limit(90).toArray()));
        api.produce(window(service, "latency_ms", start.plus(MINUTE),
                DoubleStream.generate(() -> 2000).limit(10).toArray()));
        String path = "/metrics/history?service=" + service + "&metric=latency_ms&start=" + start.minus(MINUTE)
                + "&end=" + start.plus(Duration.ofMinutes(5));

        await().atMost(WAIT).until(() -> api.getJson(path).get("series").size() == 1
                && api.getJson(path).get("series").get(0).get("windows").size() == 2);

        JsonNode body = api.getJson(path);
        JsonNode series = body.get("series").get(0);
        JsonNode summary = series.get("summary");
        assertThat(body.get("resolution").asString()).isEqualTo("1m");
        assertThat(series.get("windows").get(0).get("window_start").asString()).isEqualTo(start.toString());
        assertThat(series.get("windows").get(0).get("sketch").asString()).isNotEmpty();
        assertThat(summary.get("count").asLong()).isEqualTo(100);
        assertThat(summary.get("p50").asDouble()).isCloseTo(10, withinPercentage(1));
        assertThat(summary.get("p95").asDouble()).isCloseTo(2000, withinPercentage(1));
    }

    /** Issue 17: a gap stays a gap; fill=linear or previous adds points for charts, each marked interpolated. */
    @Test
    void gapsStayGapsAndAFillMarksItsPointsInterpolated() throws Exception {
        String service = "svc-gaps-" + api.id;
        api.produce(window(service, "latency_ms", start, 100));
        api.produce(window(service, "latency_ms", start.plus(Duration.ofMinutes(3)), 400));
        String path = "/metrics/history?service=" + service + "&metric=latency_ms&start=" + start.minus(MINUTE)
                + "&end=" + start.plus(Duration.ofMinutes(5));
        await().atMost(WAIT).until(() -> api.getJson(path).get("series").size() == 1
                && api.getJson(path).get("series").get(0).get("windows").size() == 2);

        JsonNode plain = api.getJson(path).get("series").get(0);
        JsonNode linear = api.getJson(path + "&fill=linear").get("series").get(0);
        JsonNode previous = api.getJson(path + "&fill=previous").get("series").get(0);

        assertThat(plain.has("filled")).isFalse();
        assertThat(linear.get("windows").size()).isEqualTo(2);
        assertThat(linear.get("filled").size()).isEqualTo(2);
        assertThat(linear.get("filled").get(0).get("window_start").asString())
                .isEqualTo(start.plus(MINUTE).toString());
        assertThat(linear.get("filled").get(0).get("interpolated").asBoolean()).isTrue();
        assertThat(linear.get("filled").get(0).get("mean").asDouble()).isCloseTo(200, within(0.001));
        assertThat(linear.get("filled").get(1).get("mean").asDouble()).isCloseTo(300, within(0.001));
        assertThat(previous.get("filled").get(1).get("mean").asDouble()).isCloseTo(100, within(0.001));
        assertThat(api.get(path + "&fill=spline").statusCode()).isEqualTo(400);
    }

    @Test
    void badHistoryParametersAnswerProblemJson() throws Exception {
        var response = api.get("/metrics/history?start=yesterday");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("start must be an ISO-8601 instant");
    }

    @Test
    void pausesWhileTheDatabaseRejectsWritesAndLosesNothing() throws Exception {
        String service = "svc-pause-" + api.id;
        api.execute("alter table status_changes rename to status_changes_away");
        try {
            api.produce(change(service, ServiceStatus.UNKNOWN, ServiceStatus.UP, start));

            await().atMost(WAIT).until(() -> api.getJson("/health").get("pipeline").get("retrying_consumers")
                    .has("history"));
            assertThat(api.historyCaughtUp()).isFalse();
        } finally {
            api.execute("alter table status_changes_away rename to status_changes");
        }

        await().atMost(WAIT).until(api::historyCaughtUp);
        assertThat(api.count("select count(*) from status_changes where service = ?", service)).isEqualTo(1);
        assertThat(api.getJson("/health").get("pipeline").get("retrying_consumers").isEmpty()).isTrue();
    }

    @Test
    void skipsAndCountsUndecodableRecords() throws Exception {
        String service = "svc-poison-" + api.id;
        long before = api.getJson("/health").get("pipeline").get("poison_records").asLong();

        api.send(Topics.METRICS.name(), service + "/latency_ms/1m", "{not json".getBytes(StandardCharsets.UTF_8));
        api.produce(window(service, "latency_ms", start, 42));

        await().atMost(WAIT).until(api::historyCaughtUp);
        assertThat(api.count("select count(*) from metric_windows where service = ?", service)).isEqualTo(1);
        assertThat(api.getJson("/health").get("pipeline").get("poison_records").asLong()).isGreaterThan(before);
    }
}
