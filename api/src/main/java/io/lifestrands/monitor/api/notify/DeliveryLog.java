package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The delivery log in PostgreSQL, keyed by (alert id, state, channel): recording a transition twice (a replay, a
 * restart before the offset commit) is a no-op, so nothing is notified twice, and a logged delivery is retried until
 * it is sent or fails for good, so nothing is lost.
 */
class DeliveryLog {

    private static final String INSERT = """
            insert into notification_deliveries (alert_id, state, channel, fingerprint, severity, rule, service, alert,
                status, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
            on conflict (alert_id, state, channel) do nothing
            """;
    // a resolution is final: a late or replayed firing never takes an episode back to firing
    private static final String UPSERT_ALERT = """
            insert into notification_alerts (alert_id, state, updated_at) values (?, ?, ?)
            on conflict (alert_id) do update set
                state = case when notification_alerts.state = 'resolved' then 'resolved' else excluded.state end,
                updated_at = excluded.updated_at
            """;
    private static final String ACKNOWLEDGE = """
            insert into notification_alerts (alert_id, state, updated_at, acknowledged_at, acknowledged_by)
            values (?, 'firing', ?, ?, ?)
            on conflict (alert_id) do update set
                acknowledged_at = coalesce(notification_alerts.acknowledged_at, excluded.acknowledged_at),
                acknowledged_by = coalesce(notification_alerts.acknowledged_by, excluded.acknowledged_by)
            """;
    private static final String COLUMNS = "alert_id, state, channel, fingerprint, severity, rule, service, alert, "
            + "status, attempts, repeats, next_attempt_at, created_at, sent_at, last_status, last_error";
    // skip locked: two api instances never send the same rows
    private static final String DUE = "select " + COLUMNS + """
             from notification_deliveries
            where channel = ? and status in ('queued', 'retrying') and next_attempt_at <= ?
            order by created_at, alert_id
            limit ?
            for update skip locked
            """;
    private static final String REPEATS = """
            update notification_deliveries d set status = 'queued', attempts = 0, repeats = d.repeats + 1,
                next_attempt_at = ?
            from notification_alerts a
            where a.alert_id = d.alert_id and d.state = 'firing' and d.status = 'sent' and d.sent_at <= ?
                and a.state = 'firing' and a.acknowledged_at is null
            """;
    // firing deliveries held by a silence whose episode still fires: released when no silence matches any more
    private static final String HELD_FIRING = """
            select d.* from notification_deliveries d join notification_alerts a on a.alert_id = d.alert_id
            where d.status = 'silenced' and d.state = 'firing' and a.state = 'firing'
            order by d.created_at, d.alert_id
            limit ?
            """;
    private static final String KEY = " where alert_id = ? and state = ? and channel = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    DeliveryLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Logs the deliveries of a batch of transitions in one transaction (pending ones are not notified).
     *
     * @param channelsOf the channels that want each alert
     * @param firstAttempt when a new delivery becomes due (now plus the group wait)
     */
    void record(List<AlertEvent> events, Function<AlertEvent, List<String>> channelsOf, Instant now,
                Instant firstAttempt) {
        List<Object[]> alerts = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (AlertEvent event : events) {
            if (event.state() == AlertState.PENDING) {
                continue;
            }
            String state = state(event.state());
            alerts.add(new Object[]{event.id(), state, ts(now)});
            String json = Json.write(event);
            for (String channel : channelsOf.apply(event)) {
                rows.add(new Object[]{event.id(), state, channel, event.fingerprint(),
                        SlackMessage.severity(event), event.rule(), event.service(), json, ts(firstAttempt), ts(now)});
            }
        }
        if (alerts.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.batchUpdate(UPSERT_ALERT, alerts);
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows);
            }
        });
    }

    void acknowledge(String alertId, String by, Instant at) {
        jdbc.update(ACKNOWLEDGE, alertId, ts(at), ts(at), by);
    }

    /** Queues still-firing, unacknowledged alerts sent at least {@code interval} ago again; returns how many. */
    int queueRepeats(Instant now, Duration interval) {
        return jdbc.update(REPEATS, ts(now), ts(now.minus(interval)));
    }

    /**
     * Runs {@code work} in one transaction over the due deliveries of {@code channel}, locked against other
     * instances; {@code work} sends and marks them.
     */
    <T> T withDue(String channel, Instant now, int limit, Function<List<Delivery>, T> work) {
        return transaction.execute(status -> work.apply(jdbc.query(DUE, DeliveryLog::delivery, channel, ts(now),
                limit)));
    }

    void markSent(List<Delivery> deliveries, Instant now, Integer httpStatus) {
        update("update notification_deliveries set status = 'sent', attempts = attempts + 1, sent_at = ?, "
                + "last_status = ?, last_error = null" + KEY, deliveries, ts(now), httpStatus);
    }

    void markRetry(List<Delivery> deliveries, Instant next, Outcome outcome) {
        update("update notification_deliveries set status = 'retrying', attempts = attempts + 1, "
                + "next_attempt_at = ?, last_status = ?, last_error = ?" + KEY, deliveries, ts(next),
                outcome.status(), outcome.error());
    }

    /** Holds deliveries an active silence matches: not sent, and released by {@link #release} when it ends. */
    void markSilenced(List<Delivery> deliveries) {
        update("update notification_deliveries set status = 'silenced'" + KEY, deliveries);
    }

    /** Firing deliveries held by a silence whose episode still fires, oldest first; at most {@code limit}. */
    List<Delivery> heldFiring(int limit) {
        return jdbc.query(HELD_FIRING, DeliveryLog::delivery, limit);
    }

    /**
     * Queues held deliveries to be sent at {@code now}; a row another instance released or sent meanwhile is left
     * as it is, so the (alert id, state, channel) key still sends once.
     */
    void release(List<Delivery> deliveries, Instant now) {
        update("update notification_deliveries set status = 'queued', attempts = 0, next_attempt_at = ?" + KEY
                + " and status = 'silenced'", deliveries, ts(now));
    }

    void markFailed(List<Delivery> deliveries, Outcome outcome) {
        update("update notification_deliveries set status = 'failed', attempts = attempts + 1, last_status = ?, "
                + "last_error = ?" + KEY, deliveries, outcome.status(), outcome.error());
    }

    /** Deletes finished deliveries and alert states last touched before {@code before}; returns the rows deleted. */
    int purge(Instant before) {
        return transaction.execute(status -> jdbc.update("delete from notification_deliveries where created_at < ? "
                + "and status in ('sent', 'failed', 'silenced')", ts(before))
                + jdbc.update("delete from notification_alerts a where a.updated_at < ? and not exists (select 1 "
                + "from notification_deliveries d where d.alert_id = a.alert_id)", ts(before)));
    }

    /** The newest deliveries, optionally filtered; a null filter matches everything. */
    List<Delivery> list(String status, String channel, String alertId, String rule, int limit) {
        return jdbc.query("select " + COLUMNS + """
                 from notification_deliveries
                where (cast(? as text) is null or status = ?) and (cast(? as text) is null or channel = ?)
                    and (cast(? as text) is null or alert_id = ?) and (cast(? as text) is null or rule = ?)
                order by created_at desc, alert_id, state, channel
                limit ?
                """, DeliveryLog::delivery, status, status, channel, channel, alertId, alertId, rule, rule,
                limit);
    }

    /** Deliveries per channel and status. */
    Map<String, Map<String, Long>> summary() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        jdbc.query("select channel, status, count(*) from notification_deliveries group by channel, status",
                (ResultSet rs) -> {
                    out.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getLong(3));
                });
        return out;
    }

    private void update(String sql, List<Delivery> deliveries, Object... values) {
        List<Object[]> args = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            Object[] row = new Object[values.length + 3];
            System.arraycopy(values, 0, row, 0, values.length);
            row[values.length] = d.alertId();
            row[values.length + 1] = state(d.state());
            row[values.length + 2] = d.channel();
            args.add(row);
        }
        jdbc.batchUpdate(sql, args);
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getString("alert_id"), AlertState.valueOf(rs.getString("state").toUpperCase(
                Locale.ROOT)), rs.getString("channel"), rs.getString("fingerprint"),
                rs.getString("severity"), rs.getString("rule"), rs.getString("service"), rs.getString("status"),
                rs.getInt("attempts"), rs.getInt("repeats"), instant(rs, "next_attempt_at"),
                instant(rs, "created_at"), instant(rs, "sent_at"), rs.getObject("last_status", Integer.class),
                rs.getString("last_error"), Json.read(rs.getString("alert"), AlertEvent.class));
    }

    private static String state(AlertState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime ts = rs.getObject(column, OffsetDateTime.class);
        return ts == null ? null : ts.toInstant();
    }
}
