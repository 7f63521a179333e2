package io.lifestrands.monitor.processor.consistency;

import io.lifestrands.monitor.processor.LoggedStores;
import io.lifestrands.monitor.processor.status.StatusView;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.json.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the {@link ConsistencyChecker} inside the topology on the window processor's closed windows and the status
 * processor's {@link StatusView}s, both keyed by service. The state of each service lives in the logged
 * {@link #STORE}; findings go to each child (the anomalies sink) keyed {@code service|finding}, stamped with the
 * input's time. A window or state that cannot be judged is dead-lettered, never stopping the stream thread.
 */
public final class ConsistencyProcessor implements Processor<String, Object, Object, Object> {

    public static final String STORE = "consistency-state-store";

    private final String name;
    private final ConsistencyChecker checker;
    private final List<String> children;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ConsistencyState> states;
    private DeadLetters deadLetters;

    public ConsistencyProcessor(String name, ConsistencySettings settings, List<String> children,
                                String deadLetterSink) {
        this.name = name;
        this.checker = new ConsistencyChecker(settings);
        this.children = List.copyOf(children);
        this.deadLetterSink = deadLetterSink;
    }

    /** States by service id: logged, so a restart keeps every open finding and split. */
    public static StoreBuilder<KeyValueStore<String, ConsistencyState>> storeBuilder(boolean inMemory) {
        return LoggedStores.keyValue(STORE, Serdes.String(), new JsonSerde<>(ConsistencyState.class), inMemory);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
    }

    @Override
    public void process(Record<String, Object> record) {
        try {
            if (record.value() instanceof MetricWindow window) {
                apply(window.service(), checker.window(states.get(window.service()), window), record.timestamp());
            } else if (record.value() instanceof StatusView view) {
                apply(view.service(), checker.status(states.get(view.service()), view), record.timestamp());
            }
        } catch (RuntimeException e) {
            if (!DeadLetters.isRecordFault(e)) {
                throw e;
            }
            deadLetters.send(new Record<>(String.valueOf(record.key()).getBytes(StandardCharsets.UTF_8),
                    Json.encode(record.value()), record.timestamp(), record.headers()), e);
        }
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private void apply(String service, ConsistencyChecker.Outcome outcome, long timestampMs) {
        states.put(service, outcome.state());
        for (AnomalyEpisode finding : outcome.transitions()) {
            Record<Object, Object> out = new Record<>(finding.key(), finding, timestampMs);
            for (String child : children) {
                context.forward(out, child);
            }
        }
    }
}
