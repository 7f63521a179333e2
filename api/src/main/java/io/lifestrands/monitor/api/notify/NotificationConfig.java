package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The notification settings in force: the operator's defaults ({@link NotifySettings}) until a
 * {@code PUT /alerts/config} stores others in PostgreSQL, which then win, also after a restart.
 */
class NotificationConfig {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfig.class);

    private final NotificationSettings defaults;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile NotificationSettings current;

    NotificationConfig(NotifySettings operator, DataSource dataSource, Clock clock) {
        this.defaults = operator.defaults();
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** The settings in force; the defaults while PostgreSQL cannot be read yet. */
    NotificationSettings current() {
        NotificationSettings settings = current;
        if (settings != null) {
            return settings;
        }
        synchronized (this) {
            if (current == null) {
                try {
                    List<String> stored = jdbc.queryForList(
                            "select settings from notification_settings where id = 1", String.class);
                    current = stored.isEmpty() ? defaults
                            : Json.read(stored.get(0), NotificationSettings.class).withDefaults(defaults);
                } catch (DataAccessException e) {
                    log.warn("Notification settings not readable yet, using the configured defaults: {}",
                            e.getClass().getSimpleName());
                    return defaults;
                }
            }
            return current;
        }
    }

    /** Stores validated settings (secrets already resolved from masks) and puts them in force. */
    synchronized void replace(NotificationSettings settings) {
        jdbc.update("""
                insert into notification_settings (id, settings, updated_at) values (1, ?, ?)
                on conflict (id) do update set settings = excluded.settings, updated_at = excluded.updated_at
                """, Json.write(settings), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        current = settings;
    }

    NotificationSettings defaults() {
        return defaults;
    }
}
