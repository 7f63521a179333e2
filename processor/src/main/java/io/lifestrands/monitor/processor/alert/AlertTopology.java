package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * The alert sub-graph: the {@link AlertProcessor} as an extra child of the nodes that produce samples, windows and
 * status changes (in-process, same task, keyed by service), its stores, its sink, and two global stores every
 * instance reads: the rules topic and the latest event per alert.
 */
public final class AlertTopology {

    public static final String ALERTS = "evaluate-alerts";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String RULES_SOURCE = "alert-rules-source";
    public static final String RULES_UPDATER = "alert-rules-updater";
    public static final String RULES_STORE = "alert-rules-store";
    public static final String LATEST_ALERTS_SOURCE = "latest-alerts-source";
    public static final String LATEST_ALERTS_UPDATER = "latest-alerts-updater";
    public static final String LATEST_ALERTS_STORE = "latest-alerts-store";

    private AlertTopology() {
    }

    /**
     * Adds the sub-graph; the caller lists {@link #ALERTS} among the children of {@code parents} and among the
     * parents of its dead-letter sink.
     */
    public static void addTo(Topology topology, AlertSettings settings, Duration punctuationInterval,
                             String deadLetterSink, String... parents) {
        topology.addGlobalStore(globalStore(RULES_STORE), RULES_SOURCE, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.ALERT_RULES.name(), RULES_UPDATER,
                () -> new GlobalTableUpdater(RULES_STORE));
        // this topology's own output, read back by every instance: inhibition across partitions
        topology.addGlobalStore(globalStore(LATEST_ALERTS_STORE), LATEST_ALERTS_SOURCE,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.ALERTS.name(),
                LATEST_ALERTS_UPDATER, () -> new GlobalTableUpdater(LATEST_ALERTS_STORE));
        topology.addProcessor(ALERTS, () -> new AlertProcessor(ALERTS, ALERTS_SINK, deadLetterSink,
                punctuationInterval, settings), parents);
        topology.addStateStore(AlertProcessor.storeBuilder(), ALERTS);
        topology.addStateStore(AlertProcessor.labelStoreBuilder(), ALERTS);
        topology.addSink(ALERTS_SINK, Topics.ALERTS.name(), Topics.ALERTS.keySerde().serializer(),
                Topics.ALERTS.valueSerde().serializer(), ALERTS);
    }

    /** Global stores restore from their source topic, so they keep no changelog of their own. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> globalStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled();
    }
}
