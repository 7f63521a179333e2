-- One row per anomaly episode from monitor.anomalies.v1, keyed by its identity; an upsert never turns a closed
-- episode back to open, so a replayed `open` leaves the closed row as it is.
create table anomaly_episodes (
    service     text             not null,
    metric      text             not null,
    statistic   text             not null,
    resolution  text             not null,
    starts_at   timestamptz      not null,
    state       text             not null,
    ends_at     timestamptz,
    observed    double precision not null,
    baseline    double precision not null,
    score       double precision not null,
    direction   text             not null,
    v           integer          not null,
    primary key (service, metric, statistic, resolution, starts_at)
);

create index anomaly_episodes_state on anomaly_episodes (state);
create index anomaly_episodes_starts_at on anomaly_episodes (starts_at);
