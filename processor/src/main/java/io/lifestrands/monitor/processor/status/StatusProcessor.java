package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Map;

/**
 * Keeps each service's current status from its probe samples and emits a {@link StatusChange} only when it
 * changes; the first one of a service comes from {@code unknown}. Probes older than the newest one seen are
 * ignored, so reordering cannot flap the status.
 */
public final class StatusProcessor implements Processor<String, ValidSample, Object, Object> {

    public static final String STORE = "service-status-store";

    private final String name;
    private final List<String> statusChildren;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ServiceState> store;
    private DeadLetters deadLetters;

    /** @param statusChildren the nodes that get every status change (the status sink, the alert engine) */
    public StatusProcessor(String name, List<String> statusChildren, String deadLetterSink) {
        this.name = name;
        this.statusChildren = List.copyOf(statusChildren);
        this.deadLetterSink = deadLetterSink;
    }

    /** The status store: persistent and logged, so a restart neither forgets a status nor repeats a change. */
    public static StoreBuilder<KeyValueStore<String, ServiceState>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        new JsonSerde<>(ServiceState.class))
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
    }

    @Override
    public void process(Record<String, ValidSample> record) {
        Sample sample = record.value().sample();
        if (sample.kind() != SampleKind.PROBE) {
            return;
        }
        deadLetters.guard(record.value().source(), () -> {
            ServiceState previous = store.get(sample.service());
            if (previous != null && record.timestamp() < previous.eventTimeMs()) {
                return;
            }
            ServiceStatus status = StatusRule.statusOf(sample);
            store.put(sample.service(), new ServiceState(status, record.timestamp()));
            ServiceStatus old = previous == null ? ServiceStatus.UNKNOWN : previous.status();
            if (old != status) {
                StatusChange change = new StatusChange(StatusChange.VERSION, sample.service(), old, status,
                        sample.ts(), sample.host(), StatusRule.reason(sample, status), sample.latencyMs());
                Record<String, StatusChange> out = new Record<>(sample.service(), change, record.timestamp());
                for (String child : statusChildren) {
                    context.forward(out, child);
                }
            }
        });
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
