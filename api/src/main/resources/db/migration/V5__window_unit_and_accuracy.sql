-- The unit a window's values and sketch are kept in when its histograms named one (MetricWindow.unit, e.g. 's' for
-- a latency_ms window of OpenTelemetry histograms in seconds; null for the metric's own unit), and the accuracy its
-- percentiles really have when it is coarser than the sketch's (MetricWindow.relative_accuracy; null otherwise).
-- Readers convert with MetricWindow.inMetricUnit().
alter table metric_windows add column unit text;
alter table metric_windows add column relative_accuracy double precision;
