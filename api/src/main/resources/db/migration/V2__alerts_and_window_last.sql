-- The latest value of a gauge window (MetricWindow.last, optional on the wire).
alter table metric_windows add column last double precision;

-- One row per alert episode (AlertEvent.id) from monitor.alerts.v1, holding its latest transition; upserts never
-- move an episode back (pending < firing < resolved), so a replay rewrites the same row.
create table alerts (
    id               text             primary key,
    fingerprint      text             not null,
    rule             text             not null,
    severity         text             not null,
    service          text             not null,
    state            text             not null,
    state_rank       smallint         not null,
    value            double precision not null,
    threshold        double precision not null,
    message          text,
    starts_at        timestamptz      not null,
    ends_at          timestamptz,
    labels           text             not null,
    -- record time of the transition now held, for "latest state per rule and service"
    state_at         timestamptz      not null,
    v                integer          not null,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    ack_comment      text
);

create index alerts_state on alerts (state);
create index alerts_starts_at on alerts (starts_at);
create index alerts_rule_service on alerts (rule, service, state_at);
