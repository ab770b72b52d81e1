package dev.hashscope.probe;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One table's bucket distribution, committed after each scan. Vectors are {@link ChainCodec} strings;
 * docs/map-probe.md describes every field.
 */
@Name("hashscope.MapBuckets")
@Label("Map Buckets")
@Category({"Hashscope", "Maps"})
@Description("How the entries of one hash table spread over its buckets")
@StackTrace(false)
final class MapBucketsEvent extends jdk.jfr.Event {
    @Label("Map") @Description("Path the table was found at")
    String map;
    @Label("Kind") @Description("Table class, wrappers first: Collections$SynchronizedMap>HashMap")
    String kind;
    @Label("Key Class")
    String keyClass;
    @Label("Identity") @Description("System.identityHashCode of the table")
    int identity;
    @Label("Capacity")
    int capacity;
    @Label("Size")
    int size;
    @Label("Load Factor")
    float loadFactor;
    @Label("Capacity Ratio") @Description("size / capacity")
    double capacityRatio;
    @Label("Treeified Bins")
    int treeifiedBins;
    @Label("Longest Chain")
    int longestChain;
    @Label("Average Probe") @Description("Mean entries compared to find a present key")
    double averageProbe;
    @Label("Distinct Hash Ratio") @Description("Distinct hash values / hashed entries")
    double distinctHashRatio;
    @Label("Hashed Entries") @Description("Entries the distinct ratio and the remixed histogram come from")
    int hashedEntries;
    @Label("Histogram") @Description("Buckets with 0..7 and 8+ entries, run-length encoded")
    String histogram;
    @Label("Remixed Histogram") @Description("The same hashes strongly mixed into the same capacity")
    String remixedHistogram;
    @Label("Chain Vector") @Description("Chain length per bucket (max per group when downsampled), run-length encoded")
    String chainVector;
    @Label("Buckets Per Value")
    int bucketsPerValue;
    @Label("Treeified Values") @Description("Chain-vector indices whose group holds a tree bin")
    String treeifiedValues;
    @Label("Table Bytes") @DataAmount
    long tableBytes;
}
