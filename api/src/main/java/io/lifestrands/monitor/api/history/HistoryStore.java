package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL history: idempotent upserts of windows and status changes, range reads, retention deletes.
 * A replayed record rewrites its own row, never adds one.
 */
@Component
public class HistoryStore {

    private static final String UPSERT_WINDOW = """
            insert into metric_windows (service, metric, resolution, window_start, window_end, count, errors, sum,
                min, max, mean, p50, p95, p99, rate_per_min, error_rate, sketch, v, last, unit, relative_accuracy)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (service, metric, resolution, window_start) do update set
                window_end = excluded.window_end, count = excluded.count, errors = excluded.errors,
                sum = excluded.sum, min = excluded.min, max = excluded.max, mean = excluded.mean,
                p50 = excluded.p50, p95 = excluded.p95, p99 = excluded.p99, rate_per_min = excluded.rate_per_min,
                error_rate = excluded.error_rate, sketch = excluded.sketch, v = excluded.v, last = excluded.last,
                unit = excluded.unit, relative_accuracy = excluded.relative_accuracy
            """;
    private static final String INSERT_CHANGE = """
            insert into status_changes (service, ts, old_status, new_status, host, reason, latency_ms)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (service, ts, new_status) do nothing
            """;
    private static final String SELECT_WINDOWS = """
            select service, metric, resolution, window_start, window_end, count, errors, sum, min, max, mean,
                p50, p95, p99, rate_per_min, error_rate, sketch, v, last, unit, relative_accuracy
            from metric_windows
            where resolution = ? and window_start >= ? and window_start < ?
                and (cast(? as text) is null or service = ?) and (cast(? as text) is null or metric = ?)
            order by service, metric, window_start
            limit ?
            """;

    private static final String SELECT_CHANGES = """
            select service, ts, old_status, new_status, host, reason, latency_ms from status_changes
            where ts >= ? and (cast(? as text) is null or service = ?)
            order by ts desc, service limit ?
            """;
    private static final String SELECT_CHANGES_BETWEEN = """
            select service, ts, old_status, new_status, host, reason, latency_ms from status_changes
            where ts >= ? and ts <= ? order by ts, service limit ?
            """;
    private static final String SELECT_PREFIXED = """
            select service, metric, resolution, window_start, window_end, count, errors, sum, min, max, mean,
                p50, p95, p99, rate_per_min, error_rate, sketch, v, last, unit, relative_accuracy
            from metric_windows where resolution = ? and metric like ? and window_start >= ?
            order by window_start limit ?
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public HistoryStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Writes one consumed batch in one transaction: all rows or none. */
    public void write(List<MetricWindow> windows, List<StatusChange> changes) {
        transaction.executeWithoutResult(status -> {
            if (!windows.isEmpty()) {
                jdbc.batchUpdate(UPSERT_WINDOW, windows, windows.size(), HistoryStore::bindWindow);
            }
            if (!changes.isEmpty()) {
                jdbc.batchUpdate(INSERT_CHANGE, changes, changes.size(), HistoryStore::bindChange);
            }
        });
    }

    /**
     * Windows of one resolution starting in {@code [start, end)}, ordered by service, metric and start.
     *
     * @param service null for every service
     * @param metric  null for every metric
     * @param limit   most rows returned
     */
    List<MetricWindow> windows(String resolution, Instant start, Instant end, String service, String metric,
                               int limit) {
        return jdbc.query(SELECT_WINDOWS, HistoryStore::readWindow, resolution, utc(start), utc(end), service,
                service, metric, metric, limit);
    }

    /**
     * Status changes at or after {@code since}, newest first.
     *
     * @param service null for every service
     */
    public List<StatusChange> statusChanges(Instant since, String service, int limit) {
        return jdbc.query(SELECT_CHANGES, HistoryStore::readChange, utc(since), service, service, limit);
    }

    /** The status changes of every service in {@code [from, to]}, oldest first; at most {@code limit}. */
    public List<StatusChange> statusChangesBetween(Instant from, Instant to, int limit) {
        return jdbc.query(SELECT_CHANGES_BETWEEN, HistoryStore::readChange, utc(from), utc(to), limit);
    }

    /** Windows of {@code resolution} whose metric starts with {@code metricPrefix}, starting at or after since. */
    public List<MetricWindow> windowsSince(String resolution, String metricPrefix, Instant since, int limit) {
        return jdbc.query(SELECT_PREFIXED, HistoryStore::readWindow, resolution,
                metricPrefix.replace("%", "\\%").replace("_", "\\_") + "%", utc(since), limit);
    }

    /** Deletes windows of {@code resolution} that ended before {@code cutoff}; returns the number deleted. */
    int deleteWindows(String resolution, Instant cutoff) {
        return jdbc.update("delete from metric_windows where resolution = ? and window_end < ?", resolution,
                utc(cutoff));
    }

    int deleteStatusChanges(Instant cutoff) {
        return jdbc.update("delete from status_changes where ts < ?", utc(cutoff));
    }

    /**
     * The sketch bytes of a window as stored; null when it has none.
     *
     * @throws IllegalArgumentException when the sketch is not base64
     */
    public static byte[] sketchBytes(MetricWindow window) {
        return window.sketch() == null ? null : Base64.getDecoder().decode(window.sketch());
    }

    private static void bindWindow(PreparedStatement ps, MetricWindow w) throws SQLException {
        ps.setString(1, w.service());
        ps.setString(2, w.metric());
        ps.setString(3, w.resolution());
        ps.setObject(4, utc(w.windowStart()));
        ps.setObject(5, utc(w.windowEnd()));
        ps.setLong(6, w.count());
        ps.setLong(7, w.errors());
        double[] values = {w.sum(), w.min(), w.max(), w.mean(), w.p50(), w.p95(), w.p99(), w.ratePerMin(),
                w.errorRate()};
        for (int i = 0; i < values.length; i++) {
            ps.setDouble(8 + i, values[i]);
        }
        ps.setBytes(17, sketchBytes(w));
        ps.setInt(18, w.v());
        if (w.last() == null) {
            ps.setNull(19, Types.DOUBLE);
        } else {
            ps.setDouble(19, w.last());
        }
        ps.setString(20, w.unit());
        if (w.relativeAccuracy() == null) {
            ps.setNull(21, Types.DOUBLE);
        } else {
            ps.setDouble(21, w.relativeAccuracy());
        }
    }

    private static void bindChange(PreparedStatement ps, StatusChange c) throws SQLException {
        ps.setString(1, c.service());
        ps.setObject(2, utc(c.ts()));
        ps.setString(3, c.oldStatus().wire());
        ps.setString(4, c.newStatus().wire());
        ps.setString(5, c.host());
        ps.setString(6, c.reason());
        if (c.latencyMs() == null) {
            ps.setNull(7, Types.DOUBLE);
        } else {
            ps.setDouble(7, c.latencyMs());
        }
    }

    private static MetricWindow readWindow(ResultSet rs, int row) throws SQLException {
        byte[] sketch = rs.getBytes("sketch");
        return new MetricWindow(rs.getInt("v"), rs.getString("service"), rs.getString("metric"),
                rs.getString("resolution"), instant(rs, "window_start"), instant(rs, "window_end"),
                rs.getLong("count"), rs.getLong("errors"), rs.getDouble("sum"), rs.getDouble("min"),
                rs.getDouble("max"), rs.getDouble("mean"), rs.getDouble("p50"), rs.getDouble("p95"),
                rs.getDouble("p99"), rs.getDouble("rate_per_min"), rs.getDouble("error_rate"),
                sketch == null ? null : Base64.getEncoder().encodeToString(sketch), nullableDouble(rs, "last"), null,
                rs.getString("unit"), nullableDouble(rs, "relative_accuracy"));
    }

    private static StatusChange readChange(ResultSet rs, int row) throws SQLException {
        return new StatusChange(null, rs.getString("service"), status(rs.getString("old_status")),
                status(rs.getString("new_status")), instant(rs, "ts"), rs.getString("host"), rs.getString("reason"),
                nullableDouble(rs, "latency_ms"));
    }

    private static ServiceStatus status(String wire) {
        return ServiceStatus.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
