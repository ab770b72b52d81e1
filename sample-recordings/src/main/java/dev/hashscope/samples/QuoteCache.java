package dev.hashscope.samples;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A read-through cache of quotes, filled with {@code computeIfAbsent} and a slow loader.
 *
 * <p>{@code ConcurrentHashMap.computeIfAbsent} runs the mapping function while holding the bin's lock
 * (the bin's first {@code Node}, or a {@code ReservationNode} placed in an empty bin). A loader that
 * takes milliseconds therefore blocks every other thread that wants the same key, or merely another
 * key in the same bin, for those milliseconds. That is the pathology; the fix would be to compute
 * outside the map (e.g. cache a {@code CompletableFuture}) or use a cache library.
 */
final class QuoteCache {

    /** Simulated latency of the "remote" price service that the loader calls. */
    private static final long REMOTE_CALL_MILLIS = 2;
    /** Simulated CPU spent parsing the response, so the loader also shows up in execution samples. */
    private static final int PARSE_WORK = 400_000;

    private final ConcurrentMap<String, Quote> quotes = new ConcurrentHashMap<>();

    /** The hot call site: readers ask for a quote; on a miss the loader runs under the bin lock. */
    Quote priceFor(String symbol) {
        return quotes.computeIfAbsent(symbol, QuoteCache::fetchQuote);
    }

    /**
     * Quotes go stale, so an invalidator drops them; the next {@link #priceFor} then misses and loads
     * again. This is what keeps the pathology going: a present key is returned without locking.
     */
    void invalidate(String symbol) {
        quotes.remove(symbol);
    }

    // Runs INSIDE computeIfAbsent, i.e. while the bin lock is held.
    private static Quote fetchQuote(String symbol) {
        try {
            Thread.sleep(REMOTE_CALL_MILLIS); // the remote round trip
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long parsed = Workers.work(symbol.hashCode(), PARSE_WORK); // parsing the response
        return new Quote(symbol, 10_000 + (parsed & 0xFFFF), System.nanoTime());
    }

    record Quote(String symbol, long priceCents, long loadedAtNanos) {
    }
}
