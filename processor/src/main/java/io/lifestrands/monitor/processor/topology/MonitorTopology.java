package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.alert.AlertSettings;
import io.lifestrands.monitor.processor.alert.AlertTopology;
import io.lifestrands.monitor.processor.alert.GlobalTableUpdater;
import io.lifestrands.monitor.processor.anomaly.AnomalyProcessor;
import io.lifestrands.monitor.processor.anomaly.AnomalySettings;
import io.lifestrands.monitor.processor.consistency.ConsistencyProcessor;
import io.lifestrands.monitor.processor.consistency.ConsistencySettings;
import io.lifestrands.monitor.processor.labels.LabelsProcessor;
import io.lifestrands.monitor.processor.slo.MaintenanceExclusions;
import io.lifestrands.monitor.processor.slo.SloProcessor;
import io.lifestrands.monitor.processor.status.StatusProcessor;
import io.lifestrands.monitor.processor.validate.PlausibilitySettings;
import io.lifestrands.monitor.processor.validate.SampleValidator;
import io.lifestrands.monitor.processor.window.WindowProcessor;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

import java.util.List;

/**
 * The processor's topology: samples are validated (bad ones dead-lettered, implausible values too), then aggregated
 * into windows (1m, with 5m and 1h roll-ups, live views and daily business events) and into service status; the
 * closed 1m windows feed the anomaly detector, and windows, status changes, samples and anomaly episodes the alert
 * engine. All in one sub-topology keyed by service id, so nothing is repartitioned. The only internal topics are the
 * changelogs of the named stores ({@code <application.id>-<store>-changelog}).
 *
 * <p>Each service's latest labels go to {@code monitor.service-labels.v1} ({@link LabelsProcessor}), with the store
 * changelog {@code <application.id>-service-labels-store-changelog}.
 */
public final class MonitorTopology {

    public static final String SAMPLES_SOURCE = "samples-source";
    public static final String VALIDATE = "validate-samples";
    public static final String WINDOWS = "window-samples";
    public static final String STATUS = "track-status";
    public static final String ANOMALIES = "detect-anomalies";
    public static final String ANOMALIES_SINK = "anomalies-sink";
    public static final String CONSISTENCY = "check-consistency";
    public static final String METRICS_SINK = "metrics-sink";
    public static final String STATUS_SINK = "status-sink";
    public static final String LABELS = "track-labels";
    public static final String LABELS_SINK = "service-labels-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String SLOS = "count-slos";
    public static final String SLO_STATUS_SINK = "slo-status-sink";
    public static final String SLO_DEFINITIONS_SOURCE = "slo-definitions-source";
    public static final String SLO_DEFINITIONS_UPDATER = "slo-definitions-updater";
    public static final String MAINTENANCE_SOURCE = "maintenance-source";
    public static final String MAINTENANCE_UPDATER = "maintenance-updater";
    public static final String MAINTENANCE_STORE = "maintenance-store";

    private MonitorTopology() {
    }

    /** Builds the topology with the default alert settings; see {@link #build(ProcessorSettings, AlertSettings)}. */
    public static Topology build(ProcessorSettings settings) {
        return build(settings, AlertSettings.defaults());
    }

    /** Builds the topology with the default plausibility checks and anomaly settings. */
    public static Topology build(ProcessorSettings settings, AlertSettings alertSettings) {
        return build(settings, alertSettings, PlausibilitySettings.defaults(), AnomalySettings.defaults());
    }

    /** Builds the topology with the default consistency checks. */
    public static Topology build(ProcessorSettings settings, AlertSettings alertSettings,
                                 PlausibilitySettings plausibility, AnomalySettings anomalySettings) {
        return build(settings, alertSettings, plausibility, anomalySettings,
                ConsistencySettings.defaults(settings.statusInterval()));
    }

    /** Builds the topology; no I/O happens until it runs in a {@code KafkaStreams} or test driver. */
    public static Topology build(ProcessorSettings settings, AlertSettings alertSettings,
                                 PlausibilitySettings plausibility, AnomalySettings anomalySettings,
                                 ConsistencySettings consistencySettings) {
        Topology topology = new Topology();
        validate(topology, plausibility);
        windows(topology, settings);
        status(topology, settings);
        labels(topology, settings);
        anomalies(topology, settings, anomalySettings, consistencySettings);
        slos(topology, settings);
        AlertTopology.addTo(topology, alertSettings, settings.punctuationInterval(), DLQ_SINK, VALIDATE, WINDOWS,
                STATUS, ANOMALIES, SLOS);
        deadLetters(topology);
        return topology;
    }

    private static void validate(Topology topology, PlausibilitySettings plausibility) {
        // raw bytes: a record that is not a valid Sample must reach the DLQ byte for byte
        topology.addSource(SAMPLES_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.SAMPLES.name());
        topology.addProcessor(VALIDATE, () -> new SampleValidator(VALIDATE,
                List.of(WINDOWS, STATUS, AlertTopology.ALERTS, LABELS, SLOS), DLQ_SINK, plausibility), SAMPLES_SOURCE);
    }

    private static void windows(Topology topology, ProcessorSettings settings) {
        topology.addProcessor(WINDOWS, () -> new WindowProcessor(WINDOWS, settings.windowGrace(),
                settings.punctuationInterval(), settings.liveInterval(), List.of(METRICS_SINK, AlertTopology.ALERTS,
                ANOMALIES, CONSISTENCY), DLQ_SINK), VALIDATE);
        topology.addStateStore(WindowProcessor.storeBuilder(settings.inMemoryStores()), WINDOWS);
        topology.addSink(METRICS_SINK, Topics.METRICS.name(), Topics.METRICS.keySerde().serializer(),
                Topics.METRICS.valueSerde().serializer(), WINDOWS);
    }

    private static void status(Topology topology, ProcessorSettings settings) {
        topology.addProcessor(STATUS, () -> new StatusProcessor(STATUS, settings.statusInterval(),
                settings.statusQuorum(), settings.punctuationInterval(), List.of(STATUS_SINK, AlertTopology.ALERTS),
                List.of(CONSISTENCY), DLQ_SINK), VALIDATE);
        topology.addStateStore(StatusProcessor.storeBuilder(settings.inMemoryStores()), STATUS);
        topology.addSink(STATUS_SINK, Topics.STATUS.name(), Topics.STATUS.keySerde().serializer(),
                Topics.STATUS.valueSerde().serializer(), STATUS);
    }

    private static void labels(Topology topology, ProcessorSettings settings) {
        topology.addProcessor(LABELS, () -> new LabelsProcessor(LABELS, LABELS_SINK, DLQ_SINK), VALIDATE);
        topology.addStateStore(LabelsProcessor.storeBuilder(settings.inMemoryStores()), LABELS);
        topology.addSink(LABELS_SINK, Topics.SERVICE_LABELS.name(), Topics.SERVICE_LABELS.keySerde().serializer(),
                Topics.SERVICE_LABELS.valueSerde().serializer(), LABELS);
    }

    private static void anomalies(Topology topology, ProcessorSettings settings, AnomalySettings anomalySettings,
                                  ConsistencySettings consistencySettings) {
        topology.addProcessor(ANOMALIES, () -> new AnomalyProcessor(ANOMALIES, anomalySettings,
                List.of(ANOMALIES_SINK, AlertTopology.ALERTS), DLQ_SINK), WINDOWS);
        topology.addStateStore(AnomalyProcessor.storeBuilder(settings.inMemoryStores()), ANOMALIES);
        consistency(topology, settings, consistencySettings);
        topology.addSink(ANOMALIES_SINK, Topics.ANOMALIES.name(), Topics.ANOMALIES.keySerde().serializer(),
                Topics.ANOMALIES.valueSerde().serializer(), ANOMALIES, CONSISTENCY);
    }

    /** Findings go to the anomalies sink beside the episodes; they take the windows and the status processor's views. */
    private static void consistency(Topology topology, ProcessorSettings settings,
                                    ConsistencySettings consistencySettings) {
        topology.addProcessor(CONSISTENCY, () -> new ConsistencyProcessor(CONSISTENCY,
                consistencySettings, List.of(ANOMALIES_SINK), DLQ_SINK),
                WINDOWS, STATUS);
        topology.addStateStore(ConsistencyProcessor.storeBuilder(settings.inMemoryStores()), CONSISTENCY);
    }

    /**
     * SLO counting beside the windows: the SLOs come from a global store of {@code monitor.slos.v1}, readings go to
     * the alert engine, statuses to {@code monitor.slo-status.v1}. Events inside a maintenance window of their service
     * (a global store of {@code monitor.maintenance.v1}) are left out of the budgets.
     */
    private static void slos(Topology topology, ProcessorSettings settings) {
        topology.addGlobalStore(AlertTopology.globalStore(SloProcessor.DEFINITIONS_STORE), SLO_DEFINITIONS_SOURCE,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.SLOS.name(),
                SLO_DEFINITIONS_UPDATER, () -> new GlobalTableUpdater(SloProcessor.DEFINITIONS_STORE));
        topology.addGlobalStore(AlertTopology.globalStore(MAINTENANCE_STORE), MAINTENANCE_SOURCE,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.MAINTENANCE.name(),
                MAINTENANCE_UPDATER, () -> new GlobalTableUpdater(MAINTENANCE_STORE));
        topology.addProcessor(SLOS, () -> new SloProcessor(SLOS, SLO_STATUS_SINK, AlertTopology.ALERTS, DLQ_SINK,
                settings.punctuationInterval(),
                context -> new MaintenanceExclusions(context.getStateStore(MAINTENANCE_STORE))), VALIDATE);
        topology.addStateStore(SloProcessor.storeBuilder(settings.inMemoryStores()), SLOS);
        topology.addSink(SLO_STATUS_SINK, Topics.SLO_STATUS.name(), Topics.SLO_STATUS.keySerde().serializer(),
                Topics.SLO_STATUS.valueSerde().serializer(), SLOS);
    }

    private static void deadLetters(Topology topology) {
        topology.addSink(DLQ_SINK, Topics.DLQ.name(), Topics.DLQ.keySerde().serializer(),
                Topics.DLQ.valueSerde().serializer(), VALIDATE, WINDOWS, STATUS, ANOMALIES, AlertTopology.ALERTS,
                LABELS, CONSISTENCY, SLOS);
    }
}
