package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Secrets;
import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL server over JDBC. Latency is connect + {@code select 1}, as a client of the database would feel it;
 * metrics: {@code db_connections} (client backends in {@code pg_stat_activity}), {@code db_connections_active},
 * {@code db_max_connections}, {@code db_size_bytes} and {@code db_avg_query_ms}, the mean statement time since the
 * previous probe from {@code pg_stat_statements} when that extension works, else from {@code pg_stat_database}
 * (active time per transaction); label {@code query_time_source} says which.
 */
final class PostgresProbe implements Probe {

    private static final String STATEMENTS = "select coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) "
            + "from pg_stat_statements";
    private static final String DATABASES = "select coalesce(sum(xact_commit + xact_rollback), 0), "
            + "coalesce(sum(active_time), 0) from pg_stat_database";

    private final String host;
    private final Target target;
    private final String jdbcUrl;
    private final Properties credentials;
    private QueryTotals previous;

    /** Cumulative statement count and time of one source, to average over the interval between two probes. */
    private record QueryTotals(String source, double calls, double totalMs) {
    }

    PostgresProbe(String host, Target target) {
        this.host = host;
        this.target = target;
        this.credentials = new Properties();
        this.jdbcUrl = jdbcUrl(target.connection(), credentials);
    }

    /** {@code postgresql://user:pass@host:port/db?x=y} → {@code jdbc:postgresql://host:port/db?x=y} + credentials. */
    static String jdbcUrl(String connection, Properties credentials) {
        if (connection.startsWith("jdbc:")) {
            return connection;
        }
        URI uri = URI.create(connection);
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            credentials.setProperty("user", decode(parts[0]));
            if (parts.length == 2) {
                credentials.setProperty("password", decode(parts[1]));
            }
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getHost() + port + (uri.getRawPath() == null ? "/" : uri.getRawPath())
                + query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public synchronized Sample probe(Instant now) {
        long start = System.nanoTime();
        Properties props = new Properties();
        props.putAll(credentials);
        int seconds = (int) Math.max(1, (target.timeout().toMillis() + 999) / 1000);
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds));
        props.setProperty("ApplicationName", "lifestrands-monitor");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, props);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
            statement.executeQuery("select 1").close();
            double latencyMs = Probe.elapsedMs(start);
            Map<String, Double> metrics = new HashMap<>();
            Map<String, String> labels = new HashMap<>(target.labels());
            readConnections(statement, metrics);
            readAverageQueryTime(statement, metrics, labels);
            return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, true, latencyMs, null, null,
                    metrics, labels);
        } catch (SQLException e) {
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), e,
                    Secrets.mask(ProbeErrors.describe(e)), target.labels());
        }
    }

    private static void readConnections(Statement statement, Map<String, Double> metrics) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select count(*), count(*) filter (where state = 'active'), "
                + "current_setting('max_connections')::int, pg_database_size(current_database()) "
                + "from pg_stat_activity where backend_type = 'client backend'")) {
            rs.next();
            metrics.put("db_connections", rs.getDouble(1));
            metrics.put("db_connections_active", rs.getDouble(2));
            metrics.put("db_max_connections", rs.getDouble(3));
            metrics.put("db_size_bytes", rs.getDouble(4));
        }
    }

    private void readAverageQueryTime(Statement statement, Map<String, Double> metrics, Map<String, String> labels) {
        Optional<QueryTotals> totals = totals(statement, "pg_stat_statements", STATEMENTS)
                .or(() -> totals(statement, "pg_stat_database", DATABASES));
        totals.ifPresent(now -> {
            if (previous != null && previous.source().equals(now.source()) && now.calls() > previous.calls()
                    && now.totalMs() >= previous.totalMs()) {
                double avg = (now.totalMs() - previous.totalMs()) / (now.calls() - previous.calls());
                metrics.put("db_avg_query_ms", Math.round(avg * 1000) / 1000.0);
                labels.put("query_time_source", now.source());
            }
            previous = now;
        });
    }

    /** Cumulative totals of one source; empty when the view is missing or not usable (extension not preloaded). */
    private static Optional<QueryTotals> totals(Statement statement, String source, String sql) {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return Optional.of(new QueryTotals(source, rs.getDouble(1), rs.getDouble(2)));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
