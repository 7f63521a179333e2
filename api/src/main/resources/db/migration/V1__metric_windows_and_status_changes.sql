-- Final metric windows from monitor.metrics.v1, one row per window; upserts keyed by the window's identity.
create table metric_windows (
    service      text             not null,
    metric       text             not null,
    resolution   text             not null,
    window_start timestamptz      not null,
    window_end   timestamptz      not null,
    count        bigint           not null,
    errors       bigint           not null,
    sum          double precision not null,
    min          double precision not null,
    max          double precision not null,
    mean         double precision not null,
    p50          double precision not null,
    p95          double precision not null,
    p99          double precision not null,
    rate_per_min double precision not null,
    error_rate   double precision not null,
    -- the encoded DDSketch (SketchCodec), so any range can be merged exactly
    sketch       bytea,
    v            integer          not null,
    primary key (service, metric, resolution, window_start)
);

-- range queries across services and the retention purge
create index metric_windows_resolution_start on metric_windows (resolution, window_start);

-- Every status change from monitor.status.v1.
create table status_changes (
    service    text             not null,
    ts         timestamptz      not null,
    old_status text             not null,
    new_status text             not null,
    host       text,
    reason     text,
    latency_ms double precision,
    primary key (service, ts, new_status)
);

create index status_changes_ts on status_changes (ts);
