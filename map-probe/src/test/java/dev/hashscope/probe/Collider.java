package dev.hashscope.probe;

/** A key whose hashCode is chosen by the test, so bucket placement is known exactly. Not Comparable. */
record Collider(int id, int hash) {
    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Collider c && c.id == id;
    }
}
