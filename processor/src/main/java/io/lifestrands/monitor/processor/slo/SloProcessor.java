package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.processor.LoggedStores;
import io.lifestrands.monitor.processor.slo.SloCounts.Change;
import io.lifestrands.monitor.processor.slo.SloCounts.Count;
import io.lifestrands.monitor.processor.slo.SloCounts.Tier;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.SampleValidator;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.Slo;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts the good and total events of every SLO of the services of this task ({@link SloCounts}), at the samples'
 * own event time ({@code ts}, clamped only {@link SampleValidator#MAX_FUTURE} into the future: budgets span days, so
 * an old sample still counts in the buckets that reach back to it). After an SLO's event time has moved on by a
 * second it sends an {@link SloReading} to the alert engine, timestamped with that event time; by wall clock, every
 * punctuation interval, the {@code SloStatus} of each SLO that counted something goes to its sink.
 *
 * <p>SLOs come from the global {@link #DEFINITIONS_STORE}, re-read at each punctuation. A deleted SLO, or one whose
 * counted events changed (service, kind, threshold, source), loses its counts; a deleted one gets a tombstone.
 * Counts live on the heap and in the cached, logged {@link #COUNTS_STORE} (one entry per bucket), which Streams
 * writes to its changelog at every commit, so a restart continues from exactly the committed samples.
 */
public final class SloProcessor implements Processor<String, ValidSample, Object, Object> {

    public static final String COUNTS_STORE = "slo-counts-store";
    public static final String DEFINITIONS_STORE = "slo-definitions-store";
    /** Least event time between two readings of one SLO: the page fires at most this late. */
    static final long READING_INTERVAL_MS = 1000;
    private static final String BOUNDS = "bounds";

    private final String name;
    private final String statusSink;
    private final String alertsNode;
    private final String deadLetterSink;
    private final Duration punctuationInterval;
    private final Function<ProcessorContext<Object, Object>, Exclusions> exclusionsOf;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<String, byte[]> definitionStore;
    private DeadLetters deadLetters;
    private Exclusions exclusions;
    private SloDefinitions definitions = SloDefinitions.EMPTY;
    /** The SLO each counts were made for, so a changed definition is noticed. */
    private final Map<String, Slo> countedFor = new HashMap<>();
    private final Map<String, SloCounts> counts = new HashMap<>();
    private final Map<String, Long> lastReadingMs = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();

    /**
     * @param statusSink   the sink of {@code monitor.slo-status.v1}
     * @param alertsNode   the alert processor, which gets the {@link SloReading}s
     * @param exclusionsOf the time to leave out, per task (e.g. maintenance windows)
     */
    public SloProcessor(String name, String statusSink, String alertsNode, String deadLetterSink,
                        Duration punctuationInterval, Function<ProcessorContext<Object, Object>, Exclusions> exclusionsOf) {
        this.name = name;
        this.statusSink = statusSink;
        this.alertsNode = alertsNode;
        this.deadLetterSink = deadLetterSink;
        this.punctuationInterval = punctuationInterval;
        this.exclusionsOf = exclusionsOf;
    }

    /** Counts by {@code <slo>|<tier>|<bucket start ms>}, plus {@code <slo>|bounds}. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder(boolean inMemory) {
        return LoggedStores.keyValue(COUNTS_STORE, Serdes.String(), Serdes.ByteArray(), inMemory);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(COUNTS_STORE);
        this.definitionStore = context.getStateStore(DEFINITIONS_STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
        this.exclusions = exclusionsOf.apply(context);
        counts.clear();
        countedFor.clear();
        lastReadingMs.clear();
        dirty.clear();
        definitions = SloDefinitions.read(definitionStore, SloDefinitions.EMPTY);
        load();
        context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, ValidSample> record) {
        Sample sample = record.value().sample();
        List<Slo> slos = definitions.ofService(sample.service());
        if (slos.isEmpty()) {
            return;
        }
        long ms = Math.min(sample.ts().toEpochMilli(),
                context.currentSystemTimeMs() + SampleValidator.MAX_FUTURE.toMillis());
        if (exclusions.excluded(sample.service(), Instant.ofEpochMilli(ms))) {
            return;
        }
        deadLetters.guard(record.value().source(), () -> {
            for (Slo slo : slos) {
                SloEvents.of(slo, sample).ifPresent(count -> count(slo, ms, count));
            }
        });
    }

    private void count(Slo slo, long ms, Count count) {
        SloCounts sloCounts = counts.computeIfAbsent(slo.id(), id -> new SloCounts());
        countedFor.put(slo.id(), slo);
        for (Change change : sloCounts.add(ms, count)) {
            String key = key(slo.id(), change.tier(), change.startMs());
            if (change.count() == null) {
                store.delete(key);
            } else {
                store.put(key, pair(change.count().good(), change.count().total()));
            }
        }
        store.put(slo.id() + "|" + BOUNDS, pair(sloCounts.firstMs(), sloCounts.latestMs()));
        dirty.add(slo.id());
        long latest = sloCounts.latestMs();
        Long last = lastReadingMs.get(slo.id());
        if (last == null || latest >= last + READING_INTERVAL_MS) {
            lastReadingMs.put(slo.id(), latest);
            context.forward(new Record<>(slo.service(), Burn.reading(slo, sloCounts), latest), alertsNode);
        }
    }

    private void punctuate(long wallClockMs) {
        definitions = SloDefinitions.read(definitionStore, definitions);
        exclusions.refresh();
        for (String id : Set.copyOf(counts.keySet())) {
            Slo now = definitions.get(id);
            if (!SloDefinitions.sameEvents(countedFor.get(id), now)) {
                forget(id);
                if (now == null) {
                    context.forward(new Record<>(id, null, wallClockMs), statusSink);
                }
            }
        }
        for (String id : dirty) {
            Slo slo = definitions.get(id);
            SloCounts sloCounts = counts.get(id);
            if (slo != null && sloCounts != null) {
                context.forward(new Record<>(id, Burn.status(slo, sloCounts), wallClockMs), statusSink);
            }
        }
        dirty.clear();
    }

    private void forget(String id) {
        counts.remove(id);
        countedFor.remove(id);
        lastReadingMs.remove(id);
        dirty.remove(id);
        try (KeyValueIterator<String, byte[]> range = store.prefixScan(id + "|", Serdes.String().serializer())) {
            range.forEachRemaining(entry -> store.delete(entry.key));
        }
    }

    private void load() {
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                String[] parts = entry.key.split("\\|");
                ByteBuffer value = ByteBuffer.wrap(entry.value);
                SloCounts sloCounts = counts.computeIfAbsent(parts[0], id -> new SloCounts());
                if (BOUNDS.equals(parts[1])) {
                    sloCounts.restoreBounds(value.getLong(), value.getLong());
                } else {
                    sloCounts.restore(Tier.valueOf(parts[1]), Long.parseLong(parts[2]),
                            new Count(value.getLong(), value.getLong()));
                }
            }
        }
        // counts of an SLO that is gone or changed while this task was away are dropped at the first punctuation
        counts.keySet().forEach(id -> {
            Slo slo = definitions.get(id);
            if (slo != null) {
                countedFor.put(id, slo);
            }
        });
    }

    private static String key(String id, Tier tier, long startMs) {
        return id + "|" + tier.name() + "|" + startMs;
    }

    private static byte[] pair(long first, long second) {
        return ByteBuffer.allocate(16).putLong(first).putLong(second).array();
    }
}
