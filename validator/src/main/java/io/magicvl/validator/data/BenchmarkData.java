package io.magicvl.validator.data;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark file read into items: the official JSON ({@code .json}) or VLMEvalKit's TSV
 * ({@code .tsv}), with the SHA-256 of the file so that runs can tell when it changed.
 *
 * @param embeddedImages base64 image cells of a TSV by row {@code index}; empty for JSON
 */
public record BenchmarkData(
        Bench bench,
        Path file,
        String sha256,
        Format format,
        List<? extends BenchItem> items,
        Map<String, String> embeddedImages) {

    /** The file format. */
    public enum Format {
        OFFICIAL_JSON("official-json"),
        VLMEVALKIT_TSV("vlmevalkit-tsv");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        /** Returns the name written to run folders. */
        public String id() {
            return id;
        }
    }

    /** Reads {@code file} as {@code bench}, choosing the format by the file extension. */
    public static BenchmarkData load(Bench bench, Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Benchmark file not found: " + file + ".");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String sha256 = sha256(file);
        if (name.endsWith(".json")) {
            List<? extends BenchItem> items = bench == Bench.OCRBENCH
                    ? OcrBenchReader.readJson(file)
                    : HallusionBenchReader.readJson(file);
            return new BenchmarkData(bench, file, sha256, Format.OFFICIAL_JSON, items, Map.of());
        }
        if (name.endsWith(".tsv")) {
            TsvTable table = TsvTable.read(file);
            Map<String, String> images = TsvImages.collect(table);
            List<? extends BenchItem> items = bench == Bench.OCRBENCH
                    ? OcrBenchReader.readTsv(table)
                    : HallusionBenchReader.readTsv(table);
            return new BenchmarkData(bench, file, sha256, Format.VLMEVALKIT_TSV, items, images);
        }
        throw MagicvlException.invalidInput("Cannot tell the format of " + file
                + ": use the official .json file or VLMEvalKit's .tsv file.");
    }

    /** Returns the same file restricted to the items at {@code positions} (each keeps its position). */
    public BenchmarkData subset(java.util.Set<Integer> positions) {
        List<? extends BenchItem> kept = items.stream().filter(item -> positions.contains(item.pos())).toList();
        return new BenchmarkData(bench, file, sha256, format, kept, embeddedImages);
    }

    /** Returns the items as OCRBench items. */
    @SuppressWarnings("unchecked")
    public List<OcrBenchItem> ocrBenchItems() {
        if (bench != Bench.OCRBENCH) {
            throw new IllegalStateException("Not an OCRBench file: " + file);
        }
        return (List<OcrBenchItem>) items;
    }

    /** Returns the items as HallusionBench items. */
    @SuppressWarnings("unchecked")
    public List<HallusionItem> hallusionItems() {
        if (bench != Bench.HALLUSIONBENCH) {
            throw new IllegalStateException("Not a HallusionBench file: " + file);
        }
        return (List<HallusionItem>) items;
    }

    /** Returns the SHA-256 of a file's bytes in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream digestStream = (DigestInputStream) in;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digestStream.getMessageDigest().digest());
        } catch (NoSuchFileException e) {
            throw MagicvlException.invalidInput("File not found: " + file + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
