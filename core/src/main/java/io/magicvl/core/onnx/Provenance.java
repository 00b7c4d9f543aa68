package io.magicvl.core.onnx;

import io.magicvl.core.Toolchain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a graph came from, written to the model's {@code metadata_props} so that a single
 * {@code .onnx} file still names its producer, toolchain, source checkpoint and recipe.
 *
 * @param stage the pipeline step that wrote the graph, for example {@code convert} or {@code quantize}
 * @param sourceHashes SHA-256 of each source weight file and of the config, keyed by file name
 * @param recipeSha256 SHA-256 of the recipe file, or null when no recipe was used
 * @param extra further entries (for example the precision), written with a {@code magicvl.} prefix
 */
public record Provenance(String stage, Map<String, String> sourceHashes, String recipeSha256, Map<String, String> extra) {
    /** Key prefix of every entry magicvl writes. */
    public static final String PREFIX = "magicvl.";

    public Provenance {
        Objects.requireNonNull(stage, "stage");
        sourceHashes = Map.copyOf(sourceHashes);
        extra = Map.copyOf(extra);
    }

    /**
     * Returns the metadata entries in a stable order: producer, toolchain version and commit,
     * stage, recipe hash, one {@code magicvl.source.sha256.<file>} per source file, then extras.
     */
    public Map<String, String> toMetadata() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(PREFIX + "producer", "magicvl");
        entries.put(PREFIX + "toolchain.version", Toolchain.version());
        entries.put(PREFIX + "toolchain.commit", Toolchain.commit());
        entries.put(PREFIX + "stage", stage);
        entries.put(PREFIX + "recipe.sha256", recipeSha256 == null ? "none" : recipeSha256);
        new TreeMap<>(sourceHashes).forEach((file, hash) -> entries.put(PREFIX + "source.sha256." + file, hash));
        new TreeMap<>(extra).forEach((key, value) -> entries.put(PREFIX + key, value));
        return entries;
    }
}
