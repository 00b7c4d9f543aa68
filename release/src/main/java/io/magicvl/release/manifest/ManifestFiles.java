package io.magicvl.release.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.release.bundle.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads and rewrites the manifest of an export folder. */
public final class ManifestFiles {
    private ManifestFiles() {}

    /** Reads {@code folder/manifest.json} as a JSON object. */
    public static ObjectNode read(Path folder) {
        Path file = folder.resolve(ManifestSchema.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("No " + ManifestSchema.FILE_NAME + " in " + folder
                    + "; is it an export folder written by magicvl convert or quantize?");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            if (!node.isObject()) {
                throw MagicvlException.invalidInput(file + " is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Recomputes {@code files} from the folder's content (every file except the manifest,
     * sorted by path, with size and SHA-256) and writes the manifest atomically.
     */
    public static void write(Path folder, ObjectNode manifest) {
        ArrayNode files = manifest.putArray("files");
        try (Stream<Path> walk = Files.walk(folder)) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .map(path -> relativeName(folder, path))
                    .filter(name -> !name.equals(ManifestSchema.FILE_NAME))
                    .sorted()
                    .toList();
            for (String name : names) {
                Path path = folder.resolve(name);
                ObjectNode entry = files.addObject();
                entry.put("path", name);
                entry.put("size", Files.size(path));
                entry.put("sha256", Sha256.ofFile(path));
            }
            OutputPaths.writeAtomically(folder.resolve(ManifestSchema.FILE_NAME), Json.PRETTY.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the manifest of " + folder, e);
        }
    }

    private static String relativeName(Path folder, Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
