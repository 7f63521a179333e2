package io.lifestrands.monitor.schema.topic;

import io.lifestrands.monitor.schema.AlertAck;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceLabels;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.JsonSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The topic catalog: the only place that knows names, partitions, retention and compaction. */
public final class Topics {

    public static final TopicSpec<String, Sample> SAMPLES = new TopicSpec<>("monitor.samples.v1", 6,
            Duration.ofDays(7), false, Serdes.String(), new JsonSerde<>(Sample.class));
    public static final TopicSpec<String, MetricWindow> METRICS = new TopicSpec<>("monitor.metrics.v1", 6,
            Duration.ofDays(7), false, Serdes.String(), new JsonSerde<>(MetricWindow.class));
    public static final TopicSpec<String, StatusChange> STATUS = new TopicSpec<>("monitor.status.v1", 3,
            null, true, Serdes.String(), new JsonSerde<>(StatusChange.class));
    /** Each service's current labels, key service id, written by the processor only when they change. */
    public static final TopicSpec<String, ServiceLabels> SERVICE_LABELS = new TopicSpec<>(
            "monitor.service-labels.v1", 3, null, true, Serdes.String(), new JsonSerde<>(ServiceLabels.class));
    public static final TopicSpec<String, AlertEvent> ALERTS = new TopicSpec<>("monitor.alerts.v1", 3,
            Duration.ofDays(30), false, Serdes.String(), new JsonSerde<>(AlertEvent.class));
    public static final TopicSpec<String, AlertRule> ALERT_RULES = new TopicSpec<>("monitor.alert-rules.v1", 1,
            null, true, Serdes.String(), new JsonSerde<>(AlertRule.class));
    /** Acknowledgements of alert episodes, keyed by alert id: every api instance reads all of it. */
    public static final TopicSpec<String, AlertAck> ALERT_ACKS = new TopicSpec<>("monitor.alert-acks.v1", 1,
            null, true, Serdes.String(), new JsonSerde<>(AlertAck.class));
    /** Silences, key {@code id}: the latest version of each (expiring one early rewrites it); compacted. */
    public static final TopicSpec<String, Silence> SILENCES = new TopicSpec<>("monitor.silences.v1", 1,
            null, true, Serdes.String(), new JsonSerde<>(Silence.class));
    /** Maintenance windows, key {@code id}: the latest version of each; a tombstone deletes one; compacted. */
    public static final TopicSpec<String, MaintenanceWindow> MAINTENANCE = new TopicSpec<>("monitor.maintenance.v1",
            1, null, true, Serdes.String(), new JsonSerde<>(MaintenanceWindow.class));
    /** Anomaly episodes of the series of closed 1m windows, key {@code service|metric|statistic}: opened, closed. */
    public static final TopicSpec<String, AnomalyEpisode> ANOMALIES = new TopicSpec<>("monitor.anomalies.v1", 3,
            Duration.ofDays(30), false, Serdes.String(), new JsonSerde<>(AnomalyEpisode.class));
    /** Rule backtests asked of the processor, key request id; one partition, kept a day (answers are short-lived). */
    public static final TopicSpec<String, BacktestRequest> BACKTEST_REQUESTS = new TopicSpec<>(
            "monitor.backtest-requests.v1", 1, Duration.ofDays(1), false, Serdes.String(),
            new JsonSerde<>(BacktestRequest.class));
    /** The processor's answers to backtest requests, key request id. */
    public static final TopicSpec<String, BacktestResult> BACKTEST_RESULTS = new TopicSpec<>(
            "monitor.backtest-results.v1", 1, Duration.ofDays(1), false, Serdes.String(),
            new JsonSerde<>(BacktestResult.class));
    /** Service level objectives, key {@code id}; compacted, a tombstone deletes one. Every instance reads all. */
    public static final TopicSpec<String, Slo> SLOS = new TopicSpec<>("monitor.slos.v1", 1,
            null, true, Serdes.String(), new JsonSerde<>(Slo.class));
    /** Each SLO's latest status, key SLO {@code id}, from the processor; compacted. */
    public static final TopicSpec<String, SloStatus> SLO_STATUS = new TopicSpec<>("monitor.slo-status.v1", 3,
            null, true, Serdes.String(), new JsonSerde<>(SloStatus.class));
    public static final TopicSpec<byte[], byte[]> DLQ = new TopicSpec<>("monitor.dlq.v1", 3,
            Duration.ofDays(14), false, Serdes.ByteArray(), Serdes.ByteArray());
    /**
     * Heartbeats of the processor instances, key instance id. An instance sends one every 5 s; segments roll hourly
     * so that compaction can keep the topic to a few hours of heartbeats plus the last one of every instance, as the
     * api reads it from the beginning at every start.
     */
    public static final TopicSpec<String, ProcessorHeartbeat> PROCESSOR_HEALTH = new TopicSpec<>(
            "monitor.processor-health.v1", 1, null, true, Serdes.String(), new JsonSerde<>(ProcessorHeartbeat.class),
            Duration.ofHours(1));

    /** Every topic of the contract. */
    public static final List<TopicSpec<?, ?>> ALL = List.of(SAMPLES, METRICS, STATUS, ALERTS, ALERT_RULES, ALERT_ACKS,
            DLQ, PROCESSOR_HEALTH, SERVICE_LABELS, ANOMALIES, SILENCES, BACKTEST_REQUESTS, BACKTEST_RESULTS,
            MAINTENANCE, SLOS, SLO_STATUS);

    /** DLQ header names. */
    public static final String DLQ_SOURCE_TOPIC = "dlq.source.topic";
    public static final String DLQ_SOURCE_PARTITION = "dlq.source.partition";
    public static final String DLQ_SOURCE_OFFSET = "dlq.source.offset";
    public static final String DLQ_ERROR_CLASS = "dlq.error.class";
    public static final String DLQ_REASON = "dlq.reason";
    /** What exactly was wrong, where {@link #DLQ_REASON} is a category: e.g. the implausible values of a sample. */
    public static final String DLQ_DETAIL = "dlq.detail";
    /** {@link #DLQ_REASON} of a sample whose window had closed. */
    public static final String DLQ_LATE = "late";
    /** {@link #DLQ_REASON} of a sample with implausible values, which {@link #DLQ_DETAIL} names. */
    public static final String DLQ_IMPLAUSIBLE = "implausible";

    private Topics() {
    }

    /**
     * Creates every missing topic of the catalog; existing topics are left as they are.
     *
     * @param replication replication factor for new topics
     */
    public static void createMissing(Admin admin, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replication).configs(spec.configs()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                awaitKnown(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topics: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /**
     * A created topic reaches every broker's metadata a moment after {@code createTopics} returns; a client that
     * describes it before then (the rule seeder, right after) gets {@code UnknownTopicOrPartitionException}.
     */
    private static void awaitKnown(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
