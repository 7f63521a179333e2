package io.lifestrands.monitor.processor;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/** How the processor builds a key-value store whose truth is its changelog. */
public final class LoggedStores {

    private LoggedStores() {
    }

    /**
     * A cached key-value store logged to {@code <application.id>-<name>-changelog}, so a restart neither forgets nor
     * repeats anything.
     *
     * @param inMemory an in-memory map instead of RocksDB under the changelog
     *                 ({@link ProcessorSettings#inMemoryStores()})
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keySerde,
                                                                   Serde<V> valueSerde, boolean inMemory) {
        return Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(name)
                        : Stores.persistentKeyValueStore(name), keySerde, valueSerde)
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }
}
