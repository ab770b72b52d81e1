package dev.hashscope.event;

/**
 * The map probe's vector text: decimal values separated by commas, a run of {@code n} equal values written
 * {@code v*n} ({@code "0*3,2,1*2"} is {@code [0,0,0,2,1,1]}). Malformed text decodes to what parsed before the
 * fault, never an exception: a damaged event must not stop a whole read.
 */
public final class RunLengthText {
    /** Longest vector decoded (a chain vector holds at most the probe's {@code vector} option, 4,096 by default). */
    static final int MAX_VALUES = 1 << 20;

    private RunLengthText() {
    }

    public static int[] decode(String text) {
        if (text == null || text.isEmpty()) {
            return new int[0];
        }
        int[] out = new int[16];
        int n = 0;
        for (String part : text.split(",")) {
            int star = part.indexOf('*');
            int value;
            int count;
            try {
                value = Integer.parseInt(star < 0 ? part : part.substring(0, star));
                count = star < 0 ? 1 : Integer.parseInt(part.substring(star + 1));
            } catch (NumberFormatException e) {
                break;
            }
            if (count < 0 || n + (long) count > MAX_VALUES) {
                break;
            }
            if (n + count > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + count));
            }
            java.util.Arrays.fill(out, n, n + count, value);
            n += count;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
