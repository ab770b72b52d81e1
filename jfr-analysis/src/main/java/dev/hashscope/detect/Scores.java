package dev.hashscope.detect;

/**
 * One scale for all detectors, so that ranking across them means something: a detector measures the
 * share of some resource its pathology costs (thread time blocked, CPU samples, allocated bytes) and
 * maps it here. 1% of the resource scores 25 (INFO), 10% scores 75 (WARNING), 31.6% and more 100.
 */
public final class Scores {
    private Scores() {
    }

    /** Score for a cost share in 0..1: {@code 25 + 50 * log10(share / 1%)}, clamped to 0..100. */
    public static int fromCostShare(double share) {
        if (!(share > 0)) {
            return 0;
        }
        double s = 25 + 50 * Math.log10(share / 0.01);
        return (int) Math.max(0, Math.min(100, Math.round(s)));
    }
}
