-- Cross-source consistency findings (issue 17) share the anomaly episodes table: kind 'anomaly' for the episodes
-- of a series (every row before this migration), 'consistency' for a finding. A finding's name joins the identity,
-- so two findings of one service that start in the same minute stay two rows; episodes have finding ''.
alter table anomaly_episodes add column kind text not null default 'anomaly';
alter table anomaly_episodes add column finding text not null default '';
alter table anomaly_episodes add column message text;

alter table anomaly_episodes drop constraint anomaly_episodes_pkey;
alter table anomaly_episodes add primary key (service, metric, statistic, resolution, starts_at, finding);

create index anomaly_episodes_kind on anomaly_episodes (kind);
