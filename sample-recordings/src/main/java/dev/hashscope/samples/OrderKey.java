package dev.hashscope.samples;

/**
 * Key of an order: trading desk plus order number. The bug under diagnosis is in {@link #hashCode()}:
 * it hashes only the desk, so all orders of one desk collide. With 12 desks the whole map has 12
 * distinct hash codes however many orders it holds.
 *
 * <p>Deliberately NOT {@link Comparable}: once a ConcurrentHashMap bin is treeified, a lookup among
 * equal hashes can then not be ordered and has to search both subtrees, so every get and put in a
 * bin is a walk over thousands of nodes ({@code TreeNode.findTreeNode}) while the bin lock is held.
 */
final class OrderKey {

    private final String desk;
    private final long orderNo;

    OrderKey(String desk, long orderNo) {
        this.desk = desk;
        this.orderNo = orderNo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderKey other && orderNo == other.orderNo && desk.equals(other.desk);
    }

    @Override
    public int hashCode() {
        return desk.hashCode(); // BUG (on purpose): orderNo is left out of the hash.
    }

    @Override
    public String toString() {
        return desk + "#" + orderNo;
    }
}
