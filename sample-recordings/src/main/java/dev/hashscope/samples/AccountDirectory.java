package dev.hashscope.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The healthy maps the probe finds by name: balances by sequential {@code Long} id in a pre-sized
 * ConcurrentHashMap, and SKU names by {@code String} in a HashMap sized for its contents.
 */
final class AccountDirectory {
    static final int ACCOUNTS = 100_000;
    static final int SKUS = 20_000;
    static final Map<Long, LongAdder> BALANCES = new ConcurrentHashMap<>(ACCOUNTS);
    static final Map<String, Integer> SKU_PRICES = new HashMap<>((int) (SKUS / 0.75f) + 1);

    static void credit(Long account, long amount) {
        BALANCES.get(account).add(amount);
    }

    static Integer price(String sku) {
        return SKU_PRICES.get(sku);
    }

    private AccountDirectory() {
    }
}
