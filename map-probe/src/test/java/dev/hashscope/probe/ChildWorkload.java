package dev.hashscope.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The child JVM of {@link AgentAttachTest}: one table with a hashCode that collides by construction, one that
 * does not, then waits for a line on stdin before exiting (which dumps its recording).
 */
public final class ChildWorkload {
    /** 13 keys over three hash values in 64 buckets: the histogram of BucketDistributionTest. */
    static final Map<Collider, String> COLLIDING = new HashMap<>(64);
    static final Map<Integer, String> HEALTHY = new HashMap<>();

    private ChildWorkload() {
    }

    public static void main(String[] args) throws Exception {
        int id = 0;
        for (int i = 0; i < 3; i++) {
            COLLIDING.put(new Collider(id++, 0), "v");
        }
        COLLIDING.put(new Collider(id++, 1), "v");
        for (int i = 0; i < 9; i++) {
            COLLIDING.put(new Collider(id++, 5), "v");
        }
        for (int i = 0; i < 1000; i++) {
            HEALTHY.put(i, "v");
        }
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
