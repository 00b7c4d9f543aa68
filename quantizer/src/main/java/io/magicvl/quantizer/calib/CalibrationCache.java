package io.magicvl.quantizer.calib;

import com.fasterxml.jackson.core.type.TypeReference;
import io.magicvl.core.Json;
import io.magicvl.core.io.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibration statistics on disk, one JSON file per (graph, calibration inputs, bins), so that a
 * re-run with other exclusions or another range method reuses them. The statistics cover every
 * activation that int8-static could quantize, not only those the current recipe does.
 */
public final class CalibrationCache {
    private static final Logger LOG = LoggerFactory.getLogger(CalibrationCache.class);

    private final Path folder;

    public CalibrationCache(Path folder) {
        this.folder = folder;
    }

    /** Returns {@code $XDG_CACHE_HOME/magicvl/calibration}, or {@code ~/.cache/magicvl/calibration}. */
    public static Path defaultFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("magicvl").resolve("calibration");
    }

    /** Returns the cache key: SHA-256 of the graph key, the inputs hash and the bin count. */
    public static String key(String graphKey, String inputsHash, int bins) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((graphKey + "\n" + inputsHash + "\n" + bins).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the file of {@code key}. */
    public Path file(String key) {
        return folder.resolve(key + ".json");
    }

    /** Returns the cached statistics of {@code key}, or null when absent or unreadable. */
    public Map<String, TensorStatistics> load(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, TensorStatistics> statistics =
                    Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, TensorStatistics>>() {});
            LOG.info("Reusing calibration statistics {}", file);
            return statistics;
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable calibration cache {}: {}", file, e.getMessage());
            return null;
        }
    }

    /** Stores {@code statistics} under {@code key}. */
    public void store(String key, Map<String, TensorStatistics> statistics) {
        try {
            Files.createDirectories(folder);
            OutputPaths.writeAtomically(file(key), Json.MAPPER.writeValueAsBytes(statistics));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write calibration cache in " + folder, e);
        }
    }
}
