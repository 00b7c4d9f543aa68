package io.magicvl.release.bundle;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs a verified export folder into one reproducible zstd-compressed tar.
 *
 * <p>Entries are sorted by name and built from the name alone (never from the file's
 * attributes), with the times, owners and modes of {@link BundleFormat}, POSIX (PAX) long
 * names and a pinned zstd level and worker count, so packing the same folder twice gives
 * byte-identical bundles.
 */
public final class BundlePacker {
    private static final Logger LOG = LoggerFactory.getLogger(BundlePacker.class);

    private BundlePacker() {}

    /**
     * Verifies {@code exportDir} against its manifest, then packs it into {@code bundle}
     * through a temporary sibling.
     *
     * @return the SHA-256 of the bundle written
     * @throws MagicvlException (check failed) naming the first files that do not match the manifest
     */
    public static String pack(Path exportDir, Path bundle, boolean force) {
        OutputPaths.checkWritable(bundle, force);
        OutputPaths.checkSeparate(bundle, exportDir);
        OutputPaths.checkOutside(bundle, exportDir);
        VerificationReport report = BundleVerifier.verifyFolder(exportDir);
        if (!report.ok()) {
            throw MagicvlException.checkFailed("Cannot pack " + exportDir + ": it does not match its manifest: "
                    + summarize(report.problems()) + ". Re-run the step that wrote the folder, or fix the files.");
        }
        List<String> names = entryNames(exportDir);
        Path absolute = bundle.toAbsolutePath();
        Path temporary;
        try {
            Files.createDirectories(absolute.getParent());
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file beside " + bundle, e);
        }
        try {
            write(exportDir, names, temporary);
            makeReadable(temporary);
            String sha256 = Sha256.ofFile(temporary);
            OutputPaths.moveIntoPlace(temporary, bundle, force);
            LOG.info("Packed {} entries of {} into {} ({} bytes, sha256 {})",
                    names.size(), exportDir, bundle, Files.size(bundle), sha256);
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bundle " + bundle, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary file {}: {}", temporary, e.toString());
            }
        }
    }

    /** Gives the bundle mode 0644: temporary files are created owner-only, but a bundle is for sharing. */
    private static void makeReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Returns the tar entry names of a folder, sorted: directories end with '/'. */
    static List<String> entryNames(Path folder) {
        List<String> names = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(folder)) {
                        names.add(BundleVerifier.relativeName(folder, dir) + "/");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) {
                        throw MagicvlException.invalidInput("Cannot pack " + file
                                + ": bundles contain only regular files and folders (copy the link target instead)");
                    }
                    names.add(BundleVerifier.relativeName(folder, file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        // Plain String order compares UTF-16 units; entry names are compared the same way on every platform.
        names.sort(null);
        return names;
    }

    private static void write(Path folder, List<String> names, Path target) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                ZstdCompressorOutputStream zstd = ZstdCompressorOutputStream.builder()
                        .setOutputStream(out)
                        .setLevel(BundleFormat.ZSTD_LEVEL)
                        .setWorkers(BundleFormat.ZSTD_WORKERS)
                        .setChecksum(true)
                        .get();
                TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (String name : names) {
                boolean directory = name.endsWith("/");
                TarArchiveEntry entry = newEntry(name, directory);
                if (directory) {
                    tar.putArchiveEntry(entry);
                } else {
                    Path file = folder.resolve(name);
                    entry.setSize(Files.size(file));
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /** Builds an entry from its name only, so nothing from the file system leaks in. */
    static TarArchiveEntry newEntry(String name, boolean directory) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(FileTime.from(BundleFormat.ENTRY_TIME));
        entry.setMode(directory ? BundleFormat.DIRECTORY_MODE : BundleFormat.FILE_MODE);
        entry.setIds(0, 0);
        entry.setNames("", "");
        return entry;
    }

    private static String summarize(List<VerificationReport.Problem> problems) {
        int shown = Math.min(3, problems.size());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (problems.size() > shown) {
            text.append("; and ").append(problems.size() - shown).append(" more");
        }
        return text.toString();
    }
}
