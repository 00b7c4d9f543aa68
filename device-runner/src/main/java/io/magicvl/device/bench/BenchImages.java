package io.magicvl.device.bench;

import io.magicvl.device.profile.ImageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Synthetic benchmark images, drawn on the host (Android has no AWT) and pushed with the
 * models: a gradient with two shapes (no text, so no font differences), the same pixels for the same size every time.
 */
public final class BenchImages {
    private BenchImages() {}

    /** Writes one PNG per size into {@code dir} and returns the file names by size label. */
    public static Map<String, String> write(Path dir, List<String> sizes) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> files = new LinkedHashMap<>();
        for (String label : sizes) {
            ImageSize size = ImageSize.parse(label, "protocol.images");
            String name = "bench-" + size + ".png";
            ImageIO.write(draw(size), "png", dir.resolve(name).toFile());
            files.put(label, name);
        }
        return files;
    }

    static BufferedImage draw(ImageSize size) {
        BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size.height(); y++) {
            for (int x = 0; x < size.width(); x++) {
                int r = 255 * x / Math.max(1, size.width() - 1);
                int g = 255 * y / Math.max(1, size.height() - 1);
                image.setRGB(x, y, (r << 16) | (g << 8) | 128);
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        graphics.setColor(Color.RED);
        graphics.fillOval(size.width() / 8, size.height() / 8, size.width() / 3, size.height() / 3);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(size.width() / 2, size.height() / 2, size.width() / 3, size.height() / 4);
        graphics.dispose();
        return image;
    }
}
