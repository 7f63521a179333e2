package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyKind;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Anomaly episodes and consistency findings in PostgreSQL: one row per identity (service, metric, statistic,
 * resolution, start, finding; {@code ''} for an episode), upserted so that a replay changes nothing and an
 * {@code open} never reopens a closed episode.
 */
@Component
public class AnomalyStore {

    private static final String COLUMNS = """
            v, service, metric, statistic, resolution, state, starts_at, ends_at, observed, baseline, score,
            direction, kind, finding, message""";
    private static final String UPSERT = """
            insert into anomaly_episodes (v, service, metric, statistic, resolution, state, starts_at, ends_at,
                observed, baseline, score, direction, kind, finding, message)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (service, metric, statistic, resolution, starts_at, finding) do update set
                v = excluded.v, state = excluded.state, ends_at = excluded.ends_at, observed = excluded.observed,
                baseline = excluded.baseline, score = excluded.score, direction = excluded.direction,
                message = excluded.message
            where anomaly_episodes.state = 'open'
            """;

    private final JdbcTemplate jdbc;

    public AnomalyStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Upserts a consumed batch in its order; a replay of the same transitions changes nothing. */
    public void upsert(List<AnomalyEpisode> episodes) {
        if (!episodes.isEmpty()) {
            jdbc.batchUpdate(UPSERT, episodes, episodes.size(), AnomalyStore::bind);
        }
    }

    /** The open episodes, newest start first; at most {@code limit}. */
    List<AnomalyEpisode> open(int limit) {
        return jdbc.query("select " + COLUMNS + " from anomaly_episodes where state = 'open' "
                + "order by starts_at desc limit ?", AnomalyStore::read, limit);
    }

    /** One page of episodes matching the filter, newest start first. */
    List<AnomalyEpisode> page(AnomalyFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>(filter.params());
        params.add(size);
        params.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from anomaly_episodes where " + filter.where()
                + " order by starts_at desc, service, metric, statistic, resolution limit ? offset ?",
                AnomalyStore::read, params.toArray());
    }

    long count(AnomalyFilter filter) {
        Long count = jdbc.queryForObject("select count(*) from anomaly_episodes where " + filter.where(), Long.class,
                filter.params().toArray());
        return count == null ? 0 : count;
    }

    /** Deletes closed episodes that ended before {@code cutoff}; returns how many. */
    public int deleteClosedBefore(Instant cutoff) {
        return jdbc.update("delete from anomaly_episodes where state = 'closed' and ends_at < ?", utc(cutoff));
    }

    private static void bind(PreparedStatement ps, AnomalyEpisode e) throws SQLException {
        ps.setInt(1, e.v());
        ps.setString(2, e.service());
        ps.setString(3, e.metric());
        ps.setString(4, wire(e.statistic()));
        ps.setString(5, e.resolution());
        ps.setString(6, wire(e.state()));
        ps.setObject(7, utc(e.start()));
        if (e.end() == null) {
            ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(8, utc(e.end()));
        }
        ps.setDouble(9, e.observed());
        ps.setDouble(10, e.baseline());
        ps.setDouble(11, e.score());
        ps.setString(12, wire(e.direction()));
        ps.setString(13, wire(e.kind() == null ? AnomalyKind.ANOMALY : e.kind()));
        ps.setString(14, e.finding() == null ? "" : e.finding());
        ps.setString(15, e.message());
    }

    private static AnomalyEpisode read(ResultSet rs, int row) throws SQLException {
        OffsetDateTime end = rs.getObject("ends_at", OffsetDateTime.class);
        // an episode reads back as it came: no kind, finding or message on the wire
        AnomalyKind kind = fromWire(AnomalyKind.class, rs.getString("kind"));
        String finding = rs.getString("finding");
        return new AnomalyEpisode(rs.getInt("v"), rs.getString("service"), rs.getString("metric"),
                fromWire(Statistic.class, rs.getString("statistic")), rs.getString("resolution"),
                fromWire(AnomalyState.class, rs.getString("state")),
                rs.getObject("starts_at", OffsetDateTime.class).toInstant(), end == null ? null : end.toInstant(),
                rs.getDouble("observed"), rs.getDouble("baseline"), rs.getDouble("score"),
                fromWire(AnomalyDirection.class, rs.getString("direction")), kind == AnomalyKind.CONSISTENCY
                ? kind : null, finding == null || finding.isEmpty() ? null : finding, rs.getString("message"));
    }

    /** The contract's name of an enum value, as the topic carries it (e.g. {@code p95}, {@code open}). */
    static String wire(Enum<?> value) {
        return Json.MAPPER.convertValue(value, String.class);
    }

    private static <E extends Enum<E>> E fromWire(Class<E> type, String wire) {
        return Json.MAPPER.convertValue(wire, type);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
