-- The notification delivery log: one row per (alert episode, transition, channel). The primary key is what makes
-- a replayed or re-consumed alert transition a no-op instead of a second message.
create table notification_deliveries (
    alert_id        text        not null,
    state           text        not null,
    channel         text        not null,
    fingerprint     text        not null,
    severity        text        not null,
    rule            text        not null,
    service         text        not null,
    -- the AlertEvent as consumed, so a message can be rendered without another lookup
    alert           text        not null,
    -- queued | retrying | sent | failed
    status          text        not null,
    attempts        integer     not null default 0,
    repeats         integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    last_status     integer,
    last_error      text,
    primary key (alert_id, state, channel)
);

-- the dispatcher's scan for work, its scan for repeats, and the retention purge
create index notification_deliveries_due on notification_deliveries (channel, status, next_attempt_at);
create index notification_deliveries_repeat on notification_deliveries (sent_at)
    where status = 'sent' and state = 'firing';
create index notification_deliveries_created on notification_deliveries (created_at);

-- The latest state and the acknowledgement of each alert episode the notifier has seen (drives repeats).
create table notification_alerts (
    alert_id        text        primary key,
    state           text        not null,
    updated_at      timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text
);

-- Notification settings set through PUT /alerts/config; one row, JSON as the api writes it.
create table notification_settings (
    id         smallint    primary key check (id = 1),
    settings   text        not null,
    updated_at timestamptz not null
);
