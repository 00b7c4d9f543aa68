package io.magicvl.device.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sha256 of every regular file of a folder (or of one file, such as a bundle archive),
 * by path relative to that folder with {@code /} separators, sorted by path.
 */
public record FileManifest(List<Entry> files) {

    /** One file: relative path, size in bytes, lower-case hex sha256. */
    public record Entry(String path, long size, String sha256) {}

    /** Hashes {@code source}: every file under a folder, or the file itself. */
    public static FileManifest of(Path source) {
        try {
            if (Files.isRegularFile(source)) {
                return new FileManifest(List.of(entry(source, source.getFileName().toString())));
            }
            try (Stream<Path> walk = Files.walk(source)) {
                List<Path> paths = walk.filter(Files::isRegularFile).sorted().toList();
                return new FileManifest(paths.stream()
                        .map(p -> entry(p, source.relativize(p).toString().replace('\\', '/')))
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
    }

    /** Returns the total size in bytes. */
    public long totalBytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    /** Returns the lower-case hex sha256 of {@code file}. */
    public static String sha256(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = input.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static Entry entry(Path file, String relative) {
        try {
            return new Entry(relative, Files.size(file), sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
