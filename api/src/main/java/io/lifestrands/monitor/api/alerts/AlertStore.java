package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Alert episodes in PostgreSQL: one row per {@code AlertEvent.id}, upserted so a replayed or reordered transition
 * never moves an episode back (pending, then firing, then resolved) and never adds a row; acknowledgements beside.
 */
@Component
public class AlertStore {

    private static final String COLUMNS = """
            id, fingerprint, rule, severity, service, state, value, threshold, message, starts_at, ends_at, labels,
            acknowledged_by, acknowledged_at, ack_comment, silenced_by""";
    private static final String UPSERT = """
            insert into alerts (id, fingerprint, rule, severity, service, state, state_rank, value, threshold, message,
                starts_at, ends_at, labels, state_at, v, silenced_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
            on conflict (id) do update set
                fingerprint = excluded.fingerprint, rule = excluded.rule, severity = excluded.severity,
                service = excluded.service, state = excluded.state, state_rank = excluded.state_rank,
                value = excluded.value, threshold = excluded.threshold, message = excluded.message,
                starts_at = excluded.starts_at, ends_at = excluded.ends_at, labels = excluded.labels,
                state_at = excluded.state_at, v = excluded.v,
                silenced_by = alerts.silenced_by || excluded.silenced_by
            where excluded.state_rank >= alerts.state_rank
            """;
    private static final String ACKNOWLEDGE = """
            update alerts set acknowledged_by = ?, acknowledged_at = ?, ack_comment = ?
            where id = ? and acknowledged_at is null and state <> 'resolved'
            """;
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<String>>> SILENCED_BY = new TypeReference<>() { };

    private final JdbcTemplate jdbc;

    public AlertStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Upserts a consumed batch; a replay of the same transitions changes nothing. */
    public void upsert(List<ReceivedAlert> alerts) {
        if (!alerts.isEmpty()) {
            jdbc.batchUpdate(UPSERT, alerts, alerts.size(), AlertStore::bind);
        }
    }

    /** Firing episodes, critical first, newest first; at most {@code limit}. */
    public List<AlertView> active(int limit) {
        return jdbc.query("select " + COLUMNS + " from alerts where state = 'firing' order by case severity "
                + "when 'critical' then 0 when 'warning' then 1 else 2 end, starts_at desc, id limit ?",
                AlertStore::read, limit);
    }

    long activeCount() {
        Long count = jdbc.queryForObject("select count(*) from alerts where state = 'firing'", Long.class);
        return count == null ? 0 : count;
    }

    /** One page of episodes matching the filter, newest start first. */
    List<AlertView> history(AlertFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>(filter.params());
        params.add(size);
        params.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from alerts where " + filter.where()
                + " order by starts_at desc, id limit ? offset ?", AlertStore::read, params.toArray());
    }

    long count(AlertFilter filter) {
        Long count = jdbc.queryForObject("select count(*) from alerts where " + filter.where(), Long.class,
                filter.params().toArray());
        return count == null ? 0 : count;
    }

    /** The episodes of {@code rule} that overlap {@code [from, to]}, oldest start first. */
    public List<AlertView> episodesOverlapping(String rule, Instant from, Instant to) {
        return jdbc.query("select " + COLUMNS + " from alerts where rule = ? and starts_at <= ?"
                + " and (ends_at is null or ends_at >= ?) order by starts_at, id", AlertStore::read, rule, utc(to),
                utc(from));
    }

    Optional<AlertView> find(String id) {
        return jdbc.query("select " + COLUMNS + " from alerts where id = ?", AlertStore::read, id).stream()
                .findFirst();
    }

    /** Records the acknowledgement unless the episode is already acknowledged or resolved; true when recorded. */
    boolean acknowledge(String id, String by, Instant at, String comment) {
        return jdbc.update(ACKNOWLEDGE, by, utc(at), comment, id) == 1;
    }

    /** Deletes resolved episodes that ended before {@code cutoff}; returns how many. */
    public int deleteResolvedBefore(Instant cutoff) {
        return jdbc.update("delete from alerts where state = 'resolved' and ends_at < ?", utc(cutoff));
    }

    /** The latest episode of every (rule, service) pair, for alert evaluation views. */
    public List<AlertView> latestPerRuleAndService() {
        return jdbc.query("select distinct on (rule, service) " + COLUMNS
                + " from alerts order by rule, service, state_at desc, starts_at desc", AlertStore::read);
    }

    private static void bind(PreparedStatement ps, ReceivedAlert received) throws SQLException {
        AlertEvent e = received.event();
        ps.setString(1, e.id());
        ps.setString(2, e.fingerprint());
        ps.setString(3, e.rule());
        ps.setString(4, wire(e.severity()));
        ps.setString(5, e.service());
        ps.setString(6, wire(e.state()));
        ps.setShort(7, (short) e.state().ordinal());
        ps.setDouble(8, e.value());
        ps.setDouble(9, e.threshold());
        ps.setString(10, e.message());
        ps.setObject(11, utc(e.startsAt()));
        if (e.endsAt() == null) {
            ps.setNull(12, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(12, utc(e.endsAt()));
        }
        ps.setString(13, Json.write(e.labels()));
        ps.setObject(14, utc(received.recordTime()));
        ps.setInt(15, e.v());
        ps.setString(16, received.silencedBy().isEmpty() ? "{}"
                : Json.write(Map.of(wire(e.state()), received.silencedBy())));
    }

    private static AlertView read(ResultSet rs, int row) throws SQLException {
        Instant acknowledgedAt = instant(rs, "acknowledged_at");
        return new AlertView(rs.getString("id"), rs.getString("fingerprint"), rs.getString("rule"),
                enumOf(Severity.class, rs.getString("severity")), rs.getString("service"),
                enumOf(AlertState.class, rs.getString("state")), rs.getDouble("value"),
                rs.getDouble("threshold"), rs.getString("message"), instant(rs, "starts_at"), instant(rs, "ends_at"),
                Json.MAPPER.readValue(rs.getString("labels"), LABELS), acknowledgedAt != null,
                rs.getString("acknowledged_by"), acknowledgedAt, rs.getString("ack_comment"),
                Json.MAPPER.readValue(rs.getString("silenced_by"), SILENCED_BY));
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
    }

    static {
        // state_rank is the enum order: the upsert relies on pending < firing < resolved
        if (!(AlertState.PENDING.ordinal() < AlertState.FIRING.ordinal()
                && AlertState.FIRING.ordinal() < AlertState.RESOLVED.ordinal())) {
            throw new IllegalStateException("AlertState order changed; state_rank needs pending < firing < resolved");
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
