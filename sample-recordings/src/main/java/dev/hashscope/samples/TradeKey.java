package dev.hashscope.samples;

/**
 * A trade's key whose hashCode uses only the desk: 12 hash values for any number of trades. Not Comparable,
 * so a treeified bin cannot be searched by order. (The bug {@code map.poor-hash} is about.)
 */
final class TradeKey {
    private final int desk;
    private final long tradeId;

    TradeKey(int desk, long tradeId) {
        this.desk = desk;
        this.tradeId = tradeId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeKey k && k.desk == desk && k.tradeId == tradeId;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(desk); // tradeId left out: every trade of a desk collides
    }
}
