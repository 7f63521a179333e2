package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.json.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One {@link AlertProcessor} instance initialised twice, as Streams does when it revives a task (e.g. after an
 * aborted transaction): the second {@code init} sees the stores as restored from the changelog, so states decoded
 * during the first life must not outlive it.
 */
class AlertProcessorReinitTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ALERTS_SINK = "alerts-sink";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, AlertStateRecord> states = store(AlertProcessor.STATE_STORE,
            new JsonSerde<>(AlertStateRecord.class));
    private final AlertProcessor processor = new AlertProcessor(AlertTopology.ALERTS, ALERTS_SINK, "dlq-sink",
            Duration.ofSeconds(1), AlertSettings.defaults());

    AlertProcessorReinitTest() {
        KeyValueStore<String, byte[]> rules = store(AlertTopology.RULES_STORE, Serdes.ByteArray());
        DefaultRules.all().forEach(rule -> rules.put(rule.name(), Json.encode(rule)));
        store(AlertProcessor.LABEL_STORE, Serdes.String());
        store(AlertTopology.LATEST_ALERTS_STORE, Serdes.ByteArray());
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
    }

    @Test
    void reinitialisedTaskReadsTheRestoredStoreNotTheStatesOfItsPreviousLife() {
        processor.init(context);
        down("gateway", T0.plusSeconds(2));
        String fingerprint = Fingerprint.of(DefaultRules.SERVICE_DOWN, "gateway", Map.of());
        assertThat(states.get(fingerprint).phase()).isEqualTo(Phase.PENDING);

        // the transaction that held the pending state is aborted: the task is closed, its store restored without
        // the uncommitted write, and the same processor initialised again
        processor.close();
        states.delete(fingerprint);
        processor.init(context);
        context.resetForwards();
        down("gateway", T0.plusSeconds(20));

        assertThat(context.forwarded(ALERTS_SINK)).extracting(forward -> (AlertEvent) forward.record().value())
                .extracting(AlertEvent::state, AlertEvent::startsAt)
                .containsExactly(tuple(AlertState.PENDING, T0.plusSeconds(20)));
    }

    private void down(String service, Instant at) {
        StatusChange change = new StatusChange(null, service, ServiceStatus.UP, ServiceStatus.DOWN, at, "collector-1",
                "timeout", null);
        processor.process(new Record<>(service, change, at.toEpochMilli()));
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> valueSerde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                        Serdes.String(), valueSerde)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
