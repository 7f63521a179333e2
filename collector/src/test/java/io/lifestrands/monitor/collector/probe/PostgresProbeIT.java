package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.connected;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The postgres probe against the embedded PostgreSQL server. */
class PostgresProbeIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final EmbeddedPostgresServer postgres = TestServers.postgres();
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient());

    @Test
    void reachableServerIsUpWithConnectionCountsAndSize() throws Exception {
        try (Connection held = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            Sample sample = probe(postgres.databaseUrl()).probe(T0);

            assertThat(sample.up()).isTrue();
            assertThat(sample.service()).isEqualTo("postgres");
            assertThat(sample.latencyMs()).isPositive();
            // the connection held here and the probe's own
            assertThat(sample.metrics().get("db_connections")).isGreaterThanOrEqualTo(2.0);
            assertThat(sample.metrics().get("db_connections_active")).isGreaterThanOrEqualTo(1.0);
            assertThat(sample.metrics().get("db_max_connections")).isPositive();
            assertThat(sample.metrics().get("db_size_bytes")).isPositive();
        }
    }

    @Test
    void averageQueryTimeComesFromTheStatisticsBetweenTwoProbes() throws Exception {
        Probe probe = probe(postgres.jdbcUrl() + "?user=" + postgres.user() + "&password=" + postgres.password());
        probe.probe(T0);

        Sample sample = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            runQueries();
            return probe.probe(T0);
        }, s -> s.metrics().containsKey("db_avg_query_ms"));

        assertThat(sample.metrics().get("db_avg_query_ms")).isNotNegative();
        // the embedded server does not preload pg_stat_statements, so the probe falls back
        assertThat(sample.labels()).containsEntry("query_time_source", "pg_stat_database");
    }

    @Test
    void unreachableServerIsDownAndTheErrorHidesThePassword() {
        Sample sample = probe("postgresql://postgres:hunter2-secret@localhost:" + Ports.free() + "/postgres")
                .probe(T0);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("connection refused");
        assertThat(sample.toString()).doesNotContain("hunter2-secret");
    }

    private void runQueries() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("select pg_sleep(0.01)");
        }
    }

    private Probe probe(String connection) {
        return probes.create(connected("postgres", TargetKind.POSTGRES, connection, Duration.ofSeconds(5), null,
                null));
    }
}
