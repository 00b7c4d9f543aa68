package io.magicvl.release.bundle;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.release.manifest.ManifestSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a bundle safely: every entry is checked by {@link BundleReader} before a byte is
 * written, files go into a temporary sibling of the target, the extracted folder is verified
 * against its manifest, and only then is it moved into place. On any failure the temporary
 * folder is deleted and the target is left untouched.
 */
public final class BundleUnpacker {
    private static final Logger LOG = LoggerFactory.getLogger(BundleUnpacker.class);

    private BundleUnpacker() {}

    /**
     * Extracts {@code bundle} into {@code target}.
     *
     * @return the verification of the extracted folder (always ok when this returns)
     * @throws MagicvlException (check failed) naming the rejected entry or the mismatching file
     */
    public static VerificationReport unpack(Path bundle, Path target, ExtractionLimits limits, boolean force) {
        OutputPaths.checkWritable(target, force);
        OutputPaths.checkSeparate(target, bundle);
        if (!Files.isRegularFile(bundle)) {
            throw MagicvlException.invalidInput("Bundle not found or not a file: " + bundle);
        }
        Path temporary = OutputPaths.temporarySibling(target);
        boolean moved = false;
        try {
            int entries = new BundleReader(bundle, limits).read(new Writer(temporary));
            VerificationReport report = BundleVerifier.verifyFolder(temporary);
            if (!report.ok()) {
                throw MagicvlException.checkFailed("Rejected " + bundle + ": its files do not match "
                        + ManifestSchema.FILE_NAME + ": " + String.join("; ", report.problems().stream()
                                .map(VerificationReport.Problem::toString).limit(5).toList()));
            }
            OutputPaths.moveIntoPlace(temporary, target, force);
            moved = true;
            LOG.info("Unpacked {} entries of {} into {}", entries, bundle, target);
            return new VerificationReport(target.toString(), report.filesChecked(), report.model(), report.problems());
        } finally {
            if (!moved) {
                try {
                    OutputPaths.deleteRecursively(temporary);
                } catch (IOException e) {
                    LOG.warn("Cannot delete the temporary folder {}: {}", temporary, e.toString());
                }
            }
        }
    }

    /** Writes accepted entries below the temporary root, never replacing anything. */
    private static final class Writer implements BundleReader.Visitor {
        private final Path root;

        Writer(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        @Override
        public OutputStream openFile(String path) throws IOException {
            Path file = inside(path);
            Files.createDirectories(file.getParent());
            // CREATE_NEW: the reader already rejects duplicates and links, so nothing may exist here.
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public void fileRead(String path, long size, String sha256) {}

        @Override
        public void directory(String path) throws IOException {
            Files.createDirectories(inside(path));
        }

        /** Resolves an entry path and checks again that it stays below the root. */
        private Path inside(String path) {
            Path resolved = root.resolve(path).normalize();
            if (!resolved.startsWith(root) || resolved.equals(root)) {
                throw new UncheckedIOException(new IOException("Entry '" + path + "' resolves outside " + root));
            }
            return resolved;
        }
    }
}
