package org.dmhub.hub.support;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Holds every persistent store of the hub ({@link StoreKind#PERSISTENT}) to one budget of memory outside the heap
 * ({@code dmhub.rollup.store-memory}): a single block cache shared by all of them, which also holds their index and
 * filter blocks and is charged for their write buffers, as the Kafka Streams documentation recommends for bounding
 * RocksDB. Without it each store (a dozen per task) would take its own 50 MB cache and 48 MB of write buffers, and the
 * hub's resident memory would grow with its partitions. What does not fit is read from disk (the OS page cache).
 */
public final class BoundedStoreMemory implements RocksDBConfigSetter {

    /** The Kafka Streams setting that carries the budget, in bytes, to the stores. */
    public static final String CONFIG = "dmhub.store.memory.bytes";

    /** Write buffers take up to a quarter of the budget; index and filter blocks stay cached ahead of data blocks. */
    private static final double WRITE_BUFFER_SHARE = 0.25;
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    private static final long WRITE_BUFFER_SIZE = 8L * 1024 * 1024;

    private record Shared(long bytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    private static Shared shared;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(Long.parseLong(String.valueOf(configs.get(CONFIG))));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(WRITE_BUFFER_SIZE);
        options.setMaxWriteBufferNumber(2);
    }

    /** One cache for the JVM: every store of every task, and of a restarted processing, shares it. */
    private static synchronized Shared shared(long bytes) {
        if (shared == null || shared.bytes() != bytes) {
            // a changed budget (another hub in the same JVM, as in tests) gets its own; the old one stays with its stores
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
            shared = new Shared(bytes, cache, new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache));
        }
        return shared;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared: they outlive any one store
    }
}
