package dev.hashscope.probe;

/**
 * The compact text form of integer vectors in {@code hashscope.MapBuckets} events (JFR fields are primitives or
 * strings only): decimal values separated by commas, a run of {@code n} equal values written {@code v*n}.
 * {@code [0,0,0,2,1,1]} is {@code "0*3,2,1*2"}; the empty vector is {@code ""}. A table's chain-length vector is
 * mostly zeros and ones, so runs keep a 4,096-value vector to a few hundred bytes.
 */
public final class ChainCodec {
    private ChainCodec() {
    }

    public static String encode(int[] values) {
        return encode(values, values.length);
    }

    public static String encode(int[] values, int length) {
        StringBuilder sb = new StringBuilder(Math.min(length * 2, 1 << 16));
        int i = 0;
        while (i < length) {
            int v = values[i];
            int j = i + 1;
            while (j < length && values[j] == v) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(v);
            if (j - i > 1) {
                sb.append('*').append(j - i);
            }
            i = j;
        }
        return sb.toString();
    }

    public static int[] decode(String text) {
        if (text == null || text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int n = 0;
        for (String p : parts) {
            int star = p.indexOf('*');
            n += star < 0 ? 1 : Integer.parseInt(p.substring(star + 1));
        }
        int[] out = new int[n];
        int k = 0;
        for (String p : parts) {
            int star = p.indexOf('*');
            if (star < 0) {
                out[k++] = Integer.parseInt(p);
            } else {
                int v = Integer.parseInt(p.substring(0, star));
                int count = Integer.parseInt(p.substring(star + 1));
                for (int c = 0; c < count; c++) {
                    out[k++] = v;
                }
            }
        }
        return out;
    }
}
