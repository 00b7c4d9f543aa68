package io.magicvl.core.export;

import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads, writes and verifies export folders (see {@link ExportManifest}). */
public final class ExportFolder {
    private ExportFolder() {}

    /**
     * Reads {@code folder/manifest.json}.
     *
     * @throws MagicvlException (invalid input) if it is missing or not a valid manifest
     */
    public static ExportManifest readManifest(Path folder) {
        Path file = folder.resolve(ExportManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("No " + ExportManifest.FILE_NAME + " in " + folder
                    + ". Is this an export folder written by magicvl convert or quantize?");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), ExportManifest.class);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Invalid " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists every file of {@code folder} except the manifest, sorted by path, with its size and
     * SHA-256, and writes {@code manifest} with that list as {@code folder/manifest.json}.
     * Returns the manifest as written.
     */
    public static ExportManifest writeManifest(Path folder, ExportManifest manifest) {
        return writeManifest(folder, manifest, Map.of());
    }

    /**
     * Same as {@link #writeManifest(Path, ExportManifest)}, but takes the SHA-256 of the files in
     * {@code knownSha256} (by relative path, computed while they were written) instead of reading
     * them again.
     */
    public static ExportManifest writeManifest(Path folder, ExportManifest manifest, Map<String, String> knownSha256) {
        ExportManifest complete = manifest.withFiles(listFiles(folder, knownSha256));
        try {
            OutputPaths.writeAtomically(folder.resolve(ExportManifest.FILE_NAME), Json.PRETTY.writeValueAsBytes(complete));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the manifest of " + folder, e);
        }
        return complete;
    }

    /**
     * Checks every file listed in the manifest of {@code folder}: present, same size, same SHA-256.
     * Returns the problems found, empty when the folder is intact.
     */
    public static List<String> verify(Path folder) {
        ExportManifest manifest = readManifest(folder);
        List<String> problems = new ArrayList<>();
        for (ExportManifest.FileEntry entry : manifest.files()) {
            Path file = folder.resolve(entry.path()).normalize();
            if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
                problems.add(entry.path() + ": missing");
                continue;
            }
            try {
                if (Files.size(file) != entry.size()) {
                    problems.add(entry.path() + ": size " + Files.size(file) + " bytes, manifest says " + entry.size());
                } else if (!sha256(file).equals(entry.sha256())) {
                    problems.add(entry.path() + ": SHA-256 differs from the manifest");
                }
            } catch (IOException e) {
                problems.add(entry.path() + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return problems;
    }

    /** Returns the lower-case hex SHA-256 of {@code file}. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static List<ExportManifest.FileEntry> listFiles(Path folder, Map<String, String> knownSha256) {
        List<ExportManifest.FileEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (relative.equals(ExportManifest.FILE_NAME)) {
                    continue;
                }
                String hash = knownSha256.containsKey(relative) ? knownSha256.get(relative) : sha256(file);
                entries.add(new ExportManifest.FileEntry(relative, Files.size(file), hash));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return entries;
    }
}
