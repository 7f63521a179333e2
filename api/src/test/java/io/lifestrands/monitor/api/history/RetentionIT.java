package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.MetricWindow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retention per resolution (1m 7 d, 5m 30 d, the rest METRICS_RETENTION_DAYS) and the stored {@code last}. */
class RetentionIT {

    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = ApiFixture.shared();
    }

    @Test
    void purgeKeepsEachResolutionForItsOwnRetention() throws Exception {
        String service = "svc-ret-" + api.id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        insert(service, "1m", now.minus(Duration.ofDays(8)));
        insert(service, "1m", now.minus(Duration.ofDays(6)));
        insert(service, "5m", now.minus(Duration.ofDays(8)));
        insert(service, "5m", now.minus(Duration.ofDays(31)));
        insert(service, "1h", now.minus(Duration.ofDays(29)));
        insert(service, "1h", now.minus(Duration.ofDays(31)));
        api.execute("insert into alerts (id, fingerprint, rule, severity, service, state, state_rank, value, "
                + "threshold, starts_at, ends_at, labels, state_at, v) values ('old-" + service + "', 'f', 'r', "
                + "'info', '" + service + "', 'resolved', 2, 1, 1, now() - interval '40 days', "
                + "now() - interval '31 days', '{}', now() - interval '31 days', 1)");
        insertAnomaly(service, "closed", "now() - interval '31 days'", 40);
        insertAnomaly(service, "closed", "now() - interval '29 days'", 30);
        insertAnomaly(service, "open", "null", 50);

        api.context().getBean(RetentionJob.class).purge();

        assertThat(rows(service, "1m")).isEqualTo(1);
        assertThat(rows(service, "5m")).isEqualTo(1);
        assertThat(rows(service, "1h")).isEqualTo(1);
        assertThat(api.count("select count(*) from alerts where service = ?", service)).isZero();
        assertThat(api.count("select count(*) from anomaly_episodes where service = ?", service)).isEqualTo(2);
        assertThat(api.count("select count(*) from anomaly_episodes where service = ? and ends_at < now() - "
                + "interval '30 days'", service)).isZero();
    }

    private static void insertAnomaly(String service, String state, String endsAt, int startDaysAgo)
            throws Exception {
        api.execute("insert into anomaly_episodes (service, metric, statistic, resolution, starts_at, state, ends_at, "
                + "observed, baseline, score, direction, v) values ('" + service + "', 'latency_ms', 'p95', '1m', "
                + "now() - interval '" + startDaysAgo + " days', '" + state + "', " + endsAt + ", 900, 400, 6.5, "
                + "'up', 1)");
    }

    @Test
    void storesTheLastValueOfAWindow() throws Exception {
        String service = "svc-last-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        MetricWindow w = window(service, "vram_used_pct", start, 80, 90);
        api.produce(new MetricWindow(null, w.service(), w.metric(), w.resolution(), w.windowStart(), w.windowEnd(),
                w.count(), w.errors(), w.sum(), w.min(), w.max(), w.mean(), w.p50(), w.p95(), w.p99(),
                w.ratePerMin(), w.errorRate(), w.sketch(), 90.0));
        String path = "/metrics/history?service=" + service + "&start=" + start.minusSeconds(60);

        await().atMost(Duration.ofSeconds(60)).until(() -> api.getJson(path).get("series").size() == 1);

        JsonNode stored = api.getJson(path).get("series").get(0).get("windows").get(0);
        assertThat(stored.get("last").asDouble()).isEqualTo(90.0);
    }

    private static void insert(String service, String resolution, Instant start) throws Exception {
        api.execute("insert into metric_windows (service, metric, resolution, window_start, window_end, count, "
                + "errors, sum, min, max, mean, p50, p95, p99, rate_per_min, error_rate, v) values ('" + service
                + "', 'latency_ms', '" + resolution + "', '" + start + "', '" + start.plusSeconds(60) + "', 1, 0, "
                + "1, 1, 1, 1, 1, 1, 1, 1, 0, 1)");
    }

    private static long rows(String service, String resolution) throws Exception {
        return api.count("select count(*) from metric_windows where service = ? and resolution = ?", service,
                resolution);
    }
}
