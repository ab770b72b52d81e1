package dev.hashscope.probe;

/** Receives one table's buckets in index order from {@link JdkTables#traverse}. */
interface NodeVisitor {
    /** Whether {@link #node} needs values (reading them costs a field read per entry). */
    default boolean wantsValues() {
        return false;
    }

    void node(int hash, Object key, Object value);

    /** After the last node of bucket {@code index}: {@code length} entries, {@code tree} if the bin is a tree. */
    void bucketEnd(int index, int length, boolean tree);
}
