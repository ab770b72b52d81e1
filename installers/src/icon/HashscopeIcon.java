import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws Hashscope's icon and writes it in the three formats jpackage takes: {@code hashscope.png} (Linux, 256 px),
 * {@code hashscope.ico} (Windows: 16–256 px) and {@code hashscope.icns} (macOS: 16–1024 px). The picture is a hash
 * table seen as a heat map: a row of buckets, each with its chain stacked above it, the chains' lengths rising to a
 * flame-shaped peak and their colour going from cool (short chains) to hot (the long ones that make a map slow).
 * Each size is drawn from the same geometry at that size, so small icons stay sharp.
 *
 * <p>Run with the JDK's source launcher: {@code java HashscopeIcon.java OUTPUT_DIR}. The installers' Maven
 * profiles run it at build time; nothing it writes is committed.
 */
public final class HashscopeIcon {
    /** Chain length per bucket: a flame-like skyline with one collision hot spot. */
    private static final int[] CHAINS = {1, 2, 1, 3, 5, 7, 4, 2, 1};
    private static final int MAX_CHAIN = 7;
    private static final Color BACKGROUND_TOP = new Color(0x2B, 0x33, 0x45);
    private static final Color BACKGROUND_BOTTOM = new Color(0x14, 0x18, 0x22);
    private static final Color BUCKET = new Color(0x8A, 0x96, 0xAD);
    /** Cool to hot: the colour of a chain's first entry, its second, ... its seventh. */
    private static final Color[] HEAT = {
        new Color(0x3B, 0x8E, 0xD0), new Color(0x2F, 0xB5, 0xA8), new Color(0x9B, 0xCB, 0x3C),
        new Color(0xF2, 0xC1, 0x2E), new Color(0xF3, 0x8B, 0x22), new Color(0xE8, 0x4A, 0x27),
        new Color(0xC6, 0x1E, 0x2E),
    };

    private HashscopeIcon() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java HashscopeIcon.java OUTPUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        ImageIO.write(draw(256), "png", out.resolve("hashscope.png").toFile());
        Files.write(out.resolve("hashscope.ico"), ico(new int[] {16, 24, 32, 48, 64, 128, 256}));
        Files.write(out.resolve("hashscope.icns"), icns());
        System.out.println("HashscopeIcon: wrote hashscope.png, hashscope.ico, hashscope.icns to " + out);
    }

    /** The icon at {@code size} × {@code size} pixels, transparent outside its rounded square. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        double inset = s * 0.04;
        RoundRectangle2D tile = new RoundRectangle2D.Double(inset, inset, s - 2 * inset, s - 2 * inset,
                s * 0.22, s * 0.22);
        g.setPaint(new GradientPaint(0, 0, BACKGROUND_TOP, 0, (float) s, BACKGROUND_BOTTOM));
        g.fill(tile);

        int buckets = CHAINS.length;
        double left = s * (size < 40 ? 0.1 : 0.13);
        double width = s - 2 * left;
        double pitch = width / buckets;
        // Below 40 px a gap would eat the cells: the chains become solid heat-coloured bars.
        double gap = size < 40 ? 0 : pitch * 0.16;
        double cell = pitch - gap;
        double bucketTop = s * 0.74;
        double bucketHeight = Math.max(2, s * 0.08);
        double chainBottom = bucketTop - Math.max(1, gap * 1.5);
        double rowPitch = (chainBottom - s * 0.13) / MAX_CHAIN;
        double rowHeight = rowPitch - gap;
        double arc = size < 40 ? 0 : cell * 0.3;

        for (int b = 0; b < buckets; b++) {
            double x = left + b * pitch + gap / 2;
            // The bucket array: a slot per bucket along the bottom.
            g.setColor(BUCKET);
            g.fill(new RoundRectangle2D.Double(x, bucketTop, cell, bucketHeight, arc, arc));
            // The chain: one cell per entry, hotter the deeper it sits (each step is one more comparison).
            for (int k = 0; k < CHAINS[b]; k++) {
                double y = chainBottom - (k + 1) * rowPitch + gap;
                g.setColor(HEAT[k]);
                g.fill(new RoundRectangle2D.Double(x, y, cell, rowHeight, arc, arc));
            }
        }
        // A magnifier's ring over the hot spot: "scope".
        if (size >= 32) {
            double r = s * 0.16;
            double cx = left + 5.5 * pitch;
            double cy = chainBottom - 5.2 * rowPitch;
            g.setColor(new Color(255, 255, 255, 235));
            g.setStroke(new BasicStroke((float) Math.max(1.5, s * 0.035), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
            double d = r * Math.sqrt(0.5);
            g.setStroke(new BasicStroke((float) Math.max(2, s * 0.06), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Line2D.Double(cx + d * 1.08, cy + d * 1.08, cx + d * 1.9, cy + d * 1.9));
        }
        g.dispose();
        return img;
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", b);
        return b.toByteArray();
    }

    /**
     * A Windows icon: an ICONDIR with one entry per size, each image stored as PNG (read by Windows Vista and
     * later, and by WiX/jpackage). Width and height 256 are written as 0, as the format requires.
     */
    static byte[] ico(int[] sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int size : sizes) {
            images.add(png(size));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.u16(0);
        out.u16(1);
        out.u16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            bytes.write(sizes[i] >= 256 ? 0 : sizes[i]);
            bytes.write(sizes[i] >= 256 ? 0 : sizes[i]);
            bytes.write(0);
            bytes.write(0);
            out.u16(1);
            out.u16(32);
            out.u32(images.get(i).length);
            out.u32(offset);
            offset += images.get(i).length;
        }
        for (byte[] image : images) {
            bytes.write(image);
        }
        return bytes.toByteArray();
    }

    /** A macOS icon: the 'icns' container with PNG entries from 16 to 1024 pixels. */
    static byte[] icns() throws IOException {
        String[] types = {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {16, 32, 64, 128, 256, 512, 1024};
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(entries);
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            e.writeBytes(types[i]);
            e.writeInt(8 + image.length);
            e.write(image);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.writeBytes("icns");
        f.writeInt(8 + entries.size());
        entries.writeTo(f);
        return file.toByteArray();
    }

    /** ICO headers are little-endian; DataOutputStream writes big-endian. */
    private record LittleEndian(OutputStream out) {
        void u16(int v) throws IOException {
            out.write(v & 0xFF);
            out.write((v >>> 8) & 0xFF);
        }

        void u32(int v) throws IOException {
            u16(v & 0xFFFF);
            u16(v >>> 16);
        }
    }
}
