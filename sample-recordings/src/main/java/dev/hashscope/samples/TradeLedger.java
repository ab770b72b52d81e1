package dev.hashscope.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statics the map probe finds by name: {@code dev.hashscope.samples.TradeLedger.OPEN_TRADES} (poor hash, grows
 * during the run) and {@code dev.hashscope.samples.TradeLedger.SESSIONS} (a cache that held 300,000 sessions at
 * start-up and was cleared: a 524,288-bucket table for 200 entries).
 */
final class TradeLedger {
    static final Map<TradeKey, Long> OPEN_TRADES = new ConcurrentHashMap<>();
    static final Map<Long, String> SESSIONS = new HashMap<>();

    /** Writer call site: a put into a TreeBin walks it under the bin's monitor. */
    static void open(TradeKey key, long quantity) {
        OPEN_TRADES.put(key, quantity);
    }

    /** Reader call site. */
    static Long quantity(TradeKey key) {
        return OPEN_TRADES.get(key);
    }

    private TradeLedger() {
    }
}
