package io.lifestrands.monitor.processor.labels;

import io.lifestrands.monitor.processor.LoggedStores;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceLabels;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.time.Instant;

/**
 * Keeps each service's labels, the whole label map of its latest sample that carries any, and sends a
 * {@link ServiceLabels} to {@code monitor.service-labels.v1} only when that map changes, so a steady fleet sends
 * nothing. "Latest" is by event time: a labelled sample older than the newest labelled one of its service changes
 * nothing, so reordering cannot bring back old labels. The store holds the labels with the event time of the newest
 * labelled sample (which advances also when the labels stay the same).
 */
public final class LabelsProcessor implements Processor<String, ValidSample, Object, Object> {

    public static final String STORE = "service-labels-store";

    private final String name;
    private final String sink;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ServiceLabels> store;
    private DeadLetters deadLetters;

    /**
     * @param sink           the node that gets every {@link ServiceLabels}
     * @param deadLetterSink the DLQ sink node
     */
    public LabelsProcessor(String name, String sink, String deadLetterSink) {
        this.name = name;
        this.sink = sink;
        this.deadLetterSink = deadLetterSink;
    }

    /**
     * The labels store: logged, so a restart neither forgets a service's labels nor sends them again.
     *
     * @param inMemory an in-memory map instead of RocksDB under the changelog
     */
    public static StoreBuilder<KeyValueStore<String, ServiceLabels>> storeBuilder(boolean inMemory) {
        return LoggedStores.keyValue(STORE, Topics.SERVICE_LABELS.keySerde(), Topics.SERVICE_LABELS.valueSerde(),
                inMemory);
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
        if (sample.labels().isEmpty()) {
            return;
        }
        deadLetters.guard(record.value().source(), () -> track(sample, record.timestamp()));
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private void track(Sample sample, long eventTimeMs) {
        ServiceLabels stored = store.get(sample.service());
        long storedMs = stored == null ? Long.MIN_VALUE : stored.ts().toEpochMilli();
        if (eventTimeMs < storedMs) {
            return;
        }
        boolean changed = stored == null || !stored.labels().equals(sample.labels());
        if (!changed && eventTimeMs == storedMs) {
            return;
        }
        ServiceLabels latest = new ServiceLabels(ServiceLabels.VERSION, sample.service(), sample.labels(),
                Instant.ofEpochMilli(eventTimeMs));
        store.put(sample.service(), latest);
        if (changed) {
            context.forward(new Record<>(latest.service(), latest, eventTimeMs), sink);
        }
    }
}
