package io.magicvl.release.bundle;

import io.magicvl.core.MagicvlException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Streams the entries of a bundle once, checking each against {@link EntryPolicy}, the
 * {@link ExtractionLimits} and the entries before it (duplicates, a file where a folder is
 * needed), hashing every file and handing accepted entries to a {@link Visitor}.
 *
 * <p>Any rejected entry stops the read with a {@link MagicvlException} (check failed) whose
 * message names the bundle and the entry. Errors of the visitor's own output leave as
 * {@link UncheckedIOException}, so a full disk is not reported as a corrupt bundle.
 */
final class BundleReader {
    private static final int BUFFER_BYTES = 1 << 16;

    /** Receives the accepted entries in archive order. */
    interface Visitor {
        /** Returns where to copy a file's content, or null to only hash it. */
        OutputStream openFile(String path) throws IOException;

        /** Called after a file's content was read completely; {@code out} was closed. */
        void fileRead(String path, long size, String sha256) throws IOException;

        /** Called for a directory entry. */
        void directory(String path) throws IOException;
    }

    /** Kind of each path seen so far, including folders that are only implied by a file's path. */
    private enum Seen {
        FILE,
        DIRECTORY,
        IMPLIED_DIRECTORY
    }

    private final Path bundle;
    private final ExtractionLimits limits;
    private final Map<String, Seen> seen = new HashMap<>();
    private long totalBytes;

    BundleReader(Path bundle, ExtractionLimits limits) {
        this.bundle = bundle;
        this.limits = limits;
    }

    /** Reads every entry and returns how many there were. */
    int read(Visitor visitor) {
        if (!Files.isRegularFile(bundle)) {
            throw MagicvlException.invalidInput("Bundle not found or not a file: " + bundle);
        }
        int entries = 0;
        String current = null;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(bundle), BUFFER_BYTES);
                InputStream zstd = new ZstdCompressorInputStream(file);
                InputStream bounded = new CountingLimitInputStream(
                        zstd, limits.maxStreamBytes(), "The decompressed archive stream");
                TarArchiveInputStream tar = new TarArchiveInputStream(bounded, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                current = entry.getName();
                entries++;
                if (entries > limits.maxEntries()) {
                    throw BundleException.unsafeEntry(bundle, current, "is entry number " + entries
                            + ", beyond the limit of " + limits.maxEntries() + " entries");
                }
                readEntry(tar, entry, visitor);
            }
        } catch (LimitExceededException e) {
            String where = current == null ? "(archive header)" : current;
            throw BundleException.unsafeEntry(bundle, where, "is rejected: " + e.getMessage()
                    + " (limits: " + limits.maxEntryBytes() + " bytes per entry, " + limits.maxTotalBytes()
                    + " bytes in total; raise them with --max-entry-bytes / --max-total-bytes if the bundle is trusted)");
        } catch (IOException e) {
            String where = current == null ? "before the first entry" : "at entry '" + current + "'";
            throw new MagicvlException(MagicvlException.Kind.CHECK_FAILED, "Cannot read " + bundle + " " + where
                    + ": it is truncated or not a zstd-compressed tar (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    private void readEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Visitor visitor) throws IOException {
        String name = entry.getName();
        String problem = EntryPolicy.problemWith(entry);
        if (problem != null) {
            throw BundleException.unsafeEntry(bundle, name, problem);
        }
        String path = EntryPolicy.pathOf(entry);
        boolean directory = entry.isDirectory();
        recordPath(path, directory);
        if (directory) {
            try {
                visitor.directory(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the folder of entry '" + path + "'", e);
            }
            return;
        }
        long declared = entry.getSize();
        if (declared > limits.maxEntryBytes()) {
            throw BundleException.unsafeEntry(bundle, name, "declares " + declared + " bytes, beyond the limit of "
                    + limits.maxEntryBytes() + " bytes per entry (raise it with --max-entry-bytes if the bundle is trusted)");
        }

        long entryLimit = Math.min(limits.maxEntryBytes(), limits.maxTotalBytes() - totalBytes);
        CountingLimitInputStream content = new CountingLimitInputStream(tar, entryLimit,
                "Its content (with " + totalBytes + " bytes of earlier entries)");
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        OutputStream out = open(visitor, path);
        try {
            int n;
            while ((n = content.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
                if (out != null) {
                    write(out, buffer, n, path);
                }
            }
        } finally {
            if (out != null) {
                close(out, path);
            }
        }

        totalBytes += content.count();
        try {
            visitor.fileRead(path, content.count(), Sha256.hex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish entry '" + path + "'", e);
        }
    }

    private static OutputStream open(Visitor visitor, String path) {
        try {
            return visitor.openFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the file of entry '" + path + "'", e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int length, String path) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write entry '" + path + "'", e);
        }
    }

    private static void close(OutputStream out, String path) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write entry '" + path + "'", e);
        }
    }

    private void recordPath(String path, boolean directory) {
        int slash = path.indexOf('/');
        while (slash >= 0) {
            String parent = path.substring(0, slash);
            if (seen.get(parent) == Seen.FILE) {
                throw BundleException.unsafeEntry(bundle, path, "is inside '" + parent + "', which is a file entry");
            }
            seen.putIfAbsent(parent, Seen.IMPLIED_DIRECTORY);
            slash = path.indexOf('/', slash + 1);
        }
        Seen before = seen.get(path);
        if (before == null || (directory && before == Seen.IMPLIED_DIRECTORY)) {
            seen.put(path, directory ? Seen.DIRECTORY : Seen.FILE);
            return;
        }
        if (before == Seen.IMPLIED_DIRECTORY) {
            throw BundleException.unsafeEntry(bundle, path, "is a file, but earlier entries use it as a folder");
        }
        throw BundleException.unsafeEntry(bundle, path, "is a duplicate entry (the bundle already contains it)");
    }
}
