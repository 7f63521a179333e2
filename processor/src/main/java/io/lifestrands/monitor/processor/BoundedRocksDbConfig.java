package io.lifestrands.monitor.processor;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM: one LRU block cache shared by all stores, with
 * memtables, index and filter blocks charged to it, of {@value #MEMORY_BYTES_CONFIG} bytes (64 MiB by default).
 * Without it each store takes its own cache and memtables, and memory grows with the number of partitions.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Streams property (set by {@link ProcessorSettings#toProperties()}) with the total budget in bytes. */
    public static final String MEMORY_BYTES_CONFIG = "monitor.rocksdb.memory.bytes";
    private static final double MEMTABLE_SHARE = 0.25;
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_BYTES_CONFIG);
        long budget = configured == null ? ProcessorSettings.DEFAULT_ROCKSDB_MEMORY_BYTES
                : Long.parseLong(configured.toString());
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache(budget));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(sharedWriteBufferManager(budget));
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the JVM: never closed per store
    }

    private static synchronized Cache sharedCache(long budget) {
        if (cache == null) {
            cache = new LRUCache(budget, -1, false, HIGH_PRIORITY_SHARE);
        }
        return cache;
    }

    private static synchronized WriteBufferManager sharedWriteBufferManager(long budget) {
        if (writeBufferManager == null) {
            writeBufferManager = new WriteBufferManager((long) (budget * MEMTABLE_SHARE), sharedCache(budget));
        }
        return writeBufferManager;
    }
}
