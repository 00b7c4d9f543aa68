package io.magicvl.validator.run;

import io.magicvl.validator.data.BenchItem;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.data.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Finds the image file of an item: under the image root for official JSON files, or decoded
 * from the TSV's base64 cell into a cache folder (once per distinct image).
 */
public final class ImageResolver {
    private final BenchmarkData data;
    private final Path imagesDir;
    private final Path cacheDir;

    /**
     * @param imagesDir the image root of official JSON files; may be null for TSV files
     * @param cacheDir where decoded TSV images go
     */
    public ImageResolver(BenchmarkData data, Path imagesDir, Path cacheDir) {
        this.data = data;
        this.imagesDir = imagesDir;
        this.cacheDir = cacheDir;
    }

    /** Returns the expected path of the item's image, or null for a text-only question. */
    public Path path(BenchItem item) {
        ImageRef ref = item.image();
        return switch (ref.kind()) {
            case NONE -> null;
            case FILE -> imagesDir == null ? Path.of(ref.value()) : imagesDir.resolve(stripDotSlash(ref.value()));
            case EMBEDDED -> cacheDir.resolve(safeName(ref.value()) + ".img");
        };
    }

    /** Returns whether the image exists (or can be decoded); true for text-only questions. */
    public boolean available(BenchItem item) {
        ImageRef ref = item.image();
        return switch (ref.kind()) {
            case NONE -> true;
            case FILE -> imagesDir != null && Files.isRegularFile(path(item));
            case EMBEDDED -> data.embeddedImages().containsKey(ref.value());
        };
    }

    /** Returns the image file, decoding an embedded image on first use; null for a text-only question. */
    public synchronized Path materialize(BenchItem item) {
        Path path = path(item);
        if (item.image().kind() != ImageRef.Kind.EMBEDDED || Files.isRegularFile(path)) {
            return path;
        }
        byte[] bytes = Base64.getMimeDecoder().decode(data.embeddedImages().get(item.image().value()));
        try {
            Files.createDirectories(cacheDir);
            Path temporary = Files.createTempFile(cacheDir, ".decode", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write decoded image " + path, e);
        }
        return path;
    }

    private static String stripDotSlash(String path) {
        return path.startsWith("./") ? path.substring(2) : path;
    }

    private static String safeName(String index) {
        return index.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
