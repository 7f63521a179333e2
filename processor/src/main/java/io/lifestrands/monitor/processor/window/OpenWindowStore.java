package io.lifestrands.monitor.processor.window;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open windows of one task, kept on the heap as live DDSketches and written to a logged key-value store only
 * when Streams flushes its caches, which it does before every commit. A record therefore costs a few sketch updates
 * instead of a decode and an encode of every sketch it touches, and the changelog still holds, at every committed
 * offset, exactly the windows of the samples before it.
 *
 * <p>The commit hook is Streams' own {@link CachedStateStore} (an internal interface, the one its record caches
 * implement): {@link #flushCache()} runs before every commit, {@link #clearCache()} when a task drops uncommitted
 * state. The chaos test {@code ProcessorKillChaosIT} (infra/chaos) fails if a Kafka upgrade stops calling it.
 *
 * <p>Besides the windows it keeps the closing watermark: the wall-clock time up to which windows have been closed,
 * so neither a restart nor a clock that steps back reopens an emitted window.
 */
public final class OpenWindowStore implements StateStore, CachedStateStore<String, byte[]> {

    public static final String NAME = "open-windows-store";
    /** Not a window key (those start with a resolution label), so it never parses as one. */
    static final String CLOSED_THROUGH_KEY = "~closed-through";

    private final KeyValueStore<String, byte[]> inner;
    private final Map<String, Series> series = new HashMap<>();
    private final Set<WindowKey> dirty = new HashSet<>();
    private long closedThrough = Long.MIN_VALUE;
    private boolean closedThroughDirty;

    OpenWindowStore(KeyValueStore<String, byte[]> inner) {
        this.inner = inner;
    }

    /**
     * Builds the store, logged and not cached (it caches itself): RocksDB (bounded by the app's config setter), or
     * an in-memory map restored from the changelog on start-up.
     */
    public static StoreBuilder<OpenWindowStore> builder(boolean inMemory) {
        return new Builder(Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(NAME)
                        : Stores.persistentKeyValueStore(NAME), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()).withCachingDisabled());
    }

    /** Replaces the heap view with the store's content; call from the processor's init, after restoration. */
    void load() {
        series.clear();
        dirty.clear();
        closedThroughDirty = false;
        byte[] watermark = inner.get(CLOSED_THROUGH_KEY);
        closedThrough = watermark == null ? Long.MIN_VALUE : ByteBuffer.wrap(watermark).getLong();
        try (KeyValueIterator<String, byte[]> all = inner.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (!CLOSED_THROUGH_KEY.equals(entry.key)) {
                    WindowKey key = WindowKey.parse(entry.key);
                    seriesOf(key.service(), key.metric()).put(key.resolution(), key.startMs(),
                            OpenWindow.decode(entry.value));
                }
            }
        }
    }

    Collection<Series> series() {
        return List.copyOf(series.values());
    }

    Series seriesOf(String service, String metric) {
        return series.computeIfAbsent(Series.id(service, metric), k -> new Series(service, metric));
    }

    /** The window to update; it is written at the next flush. */
    OpenWindow update(Series of, Resolution resolution, long startMs) {
        // a series emptied by a removal earlier in the same pass is registered again
        series.putIfAbsent(of.service() + "/" + of.metric(), of);
        dirty.add(of.key(resolution, startMs));
        return of.getOrCreate(resolution, startMs);
    }

    /** Removes a window (closed or expired) and returns it. */
    OpenWindow remove(Series of, Resolution resolution, long startMs) {
        dirty.add(of.key(resolution, startMs));
        OpenWindow removed = of.remove(resolution, startMs);
        if (of.isEmpty()) {
            series.remove(of.service() + "/" + of.metric());
        }
        return removed;
    }

    long closedThrough() {
        return closedThrough;
    }

    void closedThrough(long wallClockMs) {
        if (wallClockMs != closedThrough) {
            closedThrough = wallClockMs;
            closedThroughDirty = true;
        }
    }

    @Override
    public void flushCache() {
        for (WindowKey key : dirty) {
            Series of = series.get(key.service() + "/" + key.metric());
            OpenWindow window = of == null ? null : of.get(key.resolution(), key.startMs());
            if (window == null) {
                inner.delete(key.encode());
            } else {
                inner.put(key.encode(), window.encode());
            }
        }
        dirty.clear();
        if (closedThroughDirty) {
            inner.put(CLOSED_THROUGH_KEY, ByteBuffer.allocate(Long.BYTES).putLong(closedThrough).array());
            closedThroughDirty = false;
        }
    }

    @Override
    public void clearCache() {
        series.clear();
        dirty.clear();
        closedThroughDirty = false;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        flushCache();
        inner.flush();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void close() {
        series.clear();
        dirty.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Builds the heap view around the standard logged store, so Streams creates and restores its changelog. */
    private record Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner) implements StoreBuilder<OpenWindowStore> {

        @Override
        public StoreBuilder<OpenWindowStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the open-windows store caches on the heap itself");
        }

        @Override
        public StoreBuilder<OpenWindowStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<OpenWindowStore> withLoggingEnabled(Map<String, String> config) {
            return new Builder(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<OpenWindowStore> withLoggingDisabled() {
            return new Builder(inner.withLoggingDisabled());
        }

        @Override
        public OpenWindowStore build() {
            return new OpenWindowStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
