package io.magicvl.runtime;

import io.magicvl.core.MagicvlException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures an export folder on this machine: model load time, vision latency per tile,
 * prefill and decode throughput, peak resident memory and the share of time spent in Java
 * between ONNX Runtime calls. Each run answers the same question. Warm-up runs come first
 * and are not counted, and each reported figure is the median over the measured runs.
 */
public final class RuntimeBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeBenchmark.class);

    /** Side of the generated test image used when no image is given, in pixels. */
    public static final int DEFAULT_IMAGE_SIDE = 768;

    /**
     * Benchmark settings.
     *
     * @param image image file, or null for a generated test pattern of {@value #DEFAULT_IMAGE_SIDE} px
     * @param question the question of every run
     * @param runs measured runs
     * @param warmups runs before the measured ones
     * @param newTokens tokens generated per run; end tokens are ignored so every run decodes
     *     the same number of steps
     */
    public record Settings(Path image, String question, int runs, int warmups, int newTokens) {
        public Settings {
            if (runs < 1 || warmups < 0 || newTokens < 2) {
                throw MagicvlException.invalidInput("Benchmark needs at least 1 run, 0 or more warm-up runs and"
                        + " at least 2 new tokens; got " + runs + ", " + warmups + " and " + newTokens + ".");
            }
        }
    }

    /**
     * The measured figures.
     *
     * @param model model name from the manifest
     * @param precision precision of the vision, embed and decoder graphs
     * @param loadMillis time to open the export folder, in milliseconds
     * @param tiles tiles of the benchmark image
     * @param visualTokens visual tokens of the benchmark image
     * @param promptTokens prompt tokens, visual ones included
     * @param decodeSteps decode steps per run (new tokens minus the one the prefill gives)
     * @param visionMillisPerTile median vision time divided by the tiles, in milliseconds
     * @param prefillTokensPerSecond prompt tokens over the median prefill time
     * @param decodeTokensPerSecond decode steps over the median decode time
     * @param medianTotalMillis median time of a whole answer, in milliseconds
     * @param peakRssBytes peak resident set size of this process (VmHWM), or -1 when unknown
     * @param outsideOrtShare median share of the time after preprocessing spent outside ONNX Runtime
     * @param decodeOutsideOrtShare median share of the decode loop spent outside ONNX Runtime
     * @param runs timings of every measured run
     */
    public record Result(
            String model,
            String precision,
            double loadMillis,
            int tiles,
            int visualTokens,
            int promptTokens,
            int decodeSteps,
            double visionMillisPerTile,
            double prefillTokensPerSecond,
            double decodeTokensPerSecond,
            double medianTotalMillis,
            long peakRssBytes,
            double outsideOrtShare,
            double decodeOutsideOrtShare,
            List<PhaseTimings> runs) {}

    private RuntimeBenchmark() {}

    /** Opens {@code exportDir} with {@code options} and measures it. */
    public static Result run(Path exportDir, RuntimeOptions options, Settings settings) {
        Path image = settings.image();
        Path generated = null;
        try {
            if (image == null) {
                generated = writeTestImage();
                image = generated;
            }
            try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(exportDir, options)) {
                return measure(model, image, settings);
            }
        } finally {
            if (generated != null) {
                try {
                    Files.deleteIfExists(generated);
                } catch (IOException e) {
                    LOG.warn("Cannot delete the benchmark image {}: {}", generated, e.toString());
                }
            }
        }
    }

    private static Result measure(OnnxVisionLanguageModel model, Path image, Settings settings) {
        for (int i = 0; i < settings.warmups(); i++) {
            model.answer(image, settings.question(), settings.newTokens(), false, null);
        }
        List<PhaseTimings> runs = new ArrayList<>();
        Answer last = null;
        for (int i = 0; i < settings.runs(); i++) {
            last = model.answer(image, settings.question(), settings.newTokens(), false, null);
            runs.add(last.timings());
            LOG.info("Run {}/{}: {} ms", i + 1, settings.runs(), last.timings().totalNanos() / 1_000_000);
        }
        int steps = last.timings().decodeStepsNanos().size();
        int prompt = last.promptIds().size();
        double vision = median(runs, t -> t.visionNanos()) / 1e6;
        double prefill = median(runs, t -> t.prefillNanos()) / 1e9;
        double decode = median(runs, t -> t.decodeNanos()) / 1e9;
        RuntimeManifest manifest = model.manifest();
        String precision = manifest.precision("vision") + "/" + manifest.precision("embed") + "/"
                + manifest.precision("decoder");
        return new Result(
                manifest.modelName(),
                precision,
                model.loadNanos() / 1e6,
                last.tiles(),
                last.visualTokens(),
                prompt,
                steps,
                last.tiles() == 0 ? 0 : vision / last.tiles(),
                prompt / prefill,
                steps == 0 ? 0 : steps / decode,
                median(runs, PhaseTimings::totalNanos) / 1e6,
                peakRssBytes(),
                medianShare(runs, t -> t.outsideOrtNanos(), t -> t.totalNanos() - t.preprocessNanos()),
                medianShare(runs, t -> t.decodeOutsideOrtNanos(), PhaseTimings::decodeNanos),
                runs);
    }

    private static double median(List<PhaseTimings> runs, java.util.function.ToLongFunction<PhaseTimings> value) {
        double[] values = runs.stream().mapToDouble(value::applyAsLong).sorted().toArray();
        return medianOf(values);
    }

    private static double medianShare(List<PhaseTimings> runs, java.util.function.ToLongFunction<PhaseTimings> part,
            java.util.function.ToLongFunction<PhaseTimings> whole) {
        double[] values = runs.stream()
                .mapToDouble(t -> whole.applyAsLong(t) == 0 ? 0 : (double) part.applyAsLong(t) / whole.applyAsLong(t))
                .sorted()
                .toArray();
        return medianOf(values);
    }

    private static double medianOf(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Returns the peak resident set size from {@code /proc/self/status} (Linux), or -1. */
    public static long peakRssBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Cannot read VmHWM from {}: {}", status, e.toString());
        }
        return -1;
    }

    /** Writes a {@value #DEFAULT_IMAGE_SIDE}-pixel square of coloured bands and a gradient to a temporary PNG. */
    static Path writeTestImage() {
        int side = DEFAULT_IMAGE_SIDE;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        int[] colors = {0xD03030, 0x30A030, 0x3050D0, 0xE0C020};
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int band = colors[(x * 4 / side + y * 2 / side) % colors.length];
                int shade = (x + y) * 255 / (2 * side);
                image.setRGB(x, y, band ^ shade);
            }
        }
        try {
            Path file = Files.createTempFile("magicvl-bench-", ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the benchmark image", e);
        }
    }

    /** Returns the values of {@code runs} for one phase, in milliseconds, for reports. */
    public static double[] millis(List<PhaseTimings> runs, java.util.function.ToLongFunction<PhaseTimings> value) {
        return Arrays.stream(runs.stream().mapToLong(value).toArray()).mapToDouble(v -> v / 1e6).toArray();
    }
}
