package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that starts again on the store Streams restored: the counts on the heap come back from it, and a deleted
 * SLO's counts are dropped at the first punctuation.
 */
class SloProcessorRestartTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String STATUS_SINK = "slo-status-sink";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, byte[]> counts = store(SloProcessor.COUNTS_STORE);
    private final KeyValueStore<String, byte[]> definitions = store(SloProcessor.DEFINITIONS_STORE);

    SloProcessorRestartTest() {
        Slo slo = new Slo(null, "gw", "gateway", Slo.Kind.AVAILABILITY, 0.99, Duration.ofDays(1), null, null, null);
        definitions.put(slo.id(), Json.encode(slo));
        context.setCurrentSystemTimeMs(T0.plus(Duration.ofHours(1)).toEpochMilli());
    }

    @Test
    void aRestartedTaskContinuesFromTheStoredCounts() {
        SloProcessor first = processor();
        first.init(context);
        for (int i = 0; i < 10; i++) {
            first.process(sample(T0.plusSeconds(i * 60L), i != 3));
        }
        first.close();

        SloProcessor second = processor();
        context.resetForwards();
        second.init(context);
        second.process(sample(T0.plusSeconds(600), true));
        punctuate();

        SloStatus status = (SloStatus) context.forwarded(STATUS_SINK).get(0).record().value();
        assertThat(status.total()).isEqualTo(11);
        assertThat(status.good()).isEqualTo(10);
        assertThat(status.asOf()).isEqualTo(T0.plusSeconds(600));
        assertThat(status.windowCovered()).isEqualTo(600.0 / Duration.ofDays(1).toSeconds());
    }

    @Test
    void countsOfAnSloDeletedWhileTheTaskWasAwayAreDropped() {
        SloProcessor first = processor();
        first.init(context);
        first.process(sample(T0, true));
        first.close();
        definitions.delete("gw");

        SloProcessor second = processor();
        context.resetForwards();
        second.init(context);
        punctuate();

        assertThat(context.forwarded(STATUS_SINK)).extracting(f -> f.record().key(), f -> f.record().value())
                .containsExactly(Tuple.tuple("gw", null));
        assertThat(counts.approximateNumEntries()).isZero();
    }

    /** Runs the latest scheduled punctuator: the mock context keeps those of the closed first life too. */
    private void punctuate() {
        List<CapturedPunctuator> scheduled = context.scheduledPunctuators();
        scheduled.get(scheduled.size() - 1).getPunctuator().punctuate(context.currentSystemTimeMs());
    }

    private SloProcessor processor() {
        return new SloProcessor("count-slos", STATUS_SINK, "evaluate-alerts", "dlq-sink", Duration.ofSeconds(1),
                c -> Exclusions.NONE);
    }

    private static Record<String, ValidSample> sample(Instant at, boolean up) {
        Sample sample = new Sample(Sample.VERSION, SampleKind.REQUEST, "app-1", "gateway", at, up, 20.0,
                up ? 200 : 500, null, Map.of(), Map.of());
        Record<byte[], byte[]> source = new Record<>(null, Json.encode(sample), at.toEpochMilli());
        return new Record<>("gateway", new ValidSample(sample, source), at.toEpochMilli());
    }

    private KeyValueStore<String, byte[]> store(String name) {
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                        Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
