package io.magicvl.release.bundle;

import io.magicvl.core.MagicvlException;
import io.magicvl.release.manifest.ManifestSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Verifies a bundle or an export folder: the manifest's schema, that every file is listed,
 * that every listed file exists, and every size and SHA-256.
 */
public final class BundleVerifier {
    /** The largest manifest read into memory: 16 MiB. */
    static final int MAX_MANIFEST_BYTES = 16 << 20;

    private BundleVerifier() {}

    /** Verifies {@code path}, a bundle file or an export folder. */
    public static VerificationReport verify(Path path, ExtractionLimits limits) {
        if (Files.isDirectory(path)) {
            return verifyFolder(path);
        }
        return verifyBundle(path, limits);
    }

    /**
     * Verifies a bundle by streaming it once. An unsafe entry (see {@link EntryPolicy}) is
     * reported as a problem and ends the check.
     */
    public static VerificationReport verifyBundle(Path bundle, ExtractionLimits limits) {
        SortedMap<String, ManifestFileCheck.FileFacts> found = new TreeMap<>();
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        boolean[] hasManifest = {false};
        List<VerificationReport.Problem> problems = new ArrayList<>();
        BundleReader.Visitor visitor = new BundleReader.Visitor() {
            @Override
            public OutputStream openFile(String path) {
                if (!path.equals(ManifestSchema.FILE_NAME)) {
                    return null;
                }
                hasManifest[0] = true;
                return new BoundedBuffer(manifest, MAX_MANIFEST_BYTES);
            }

            @Override
            public void fileRead(String path, long size, String sha256) {
                if (!path.equals(ManifestSchema.FILE_NAME)) {
                    found.put(path, new ManifestFileCheck.FileFacts(size, sha256));
                }
            }

            @Override
            public void directory(String path) {}
        };
        try {
            new BundleReader(bundle, limits).read(visitor);
        } catch (MagicvlException e) {
            if (e.kind() != MagicvlException.Kind.CHECK_FAILED) {
                throw e;
            }
            problems.add(new VerificationReport.Problem(bundle.getFileName().toString(), e.getMessage()));
            return new VerificationReport(bundle.toString(), found.size(), null, problems);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ManifestTooLargeException) {
                problems.add(new VerificationReport.Problem(ManifestSchema.FILE_NAME,
                        "is larger than " + MAX_MANIFEST_BYTES + " bytes; a manifest is a small JSON file"));
                return new VerificationReport(bundle.toString(), found.size(), null, problems);
            }
            throw e;
        }
        String[] model = new String[1];
        problems.addAll(ManifestFileCheck.check(hasManifest[0] ? manifest.toByteArray() : null, found, model));
        return new VerificationReport(bundle.toString(), found.size(), model[0], problems);
    }

    /** Verifies an export folder in place. Links and special files are reported as problems. */
    public static VerificationReport verifyFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw MagicvlException.invalidInput("Export folder not found: " + folder);
        }
        SortedMap<String, ManifestFileCheck.FileFacts> found = new TreeMap<>();
        List<VerificationReport.Problem> problems = new ArrayList<>();
        byte[] manifest = null;
        try {
            for (Path file : listFiles(folder, problems)) {
                String name = relativeName(folder, file);
                if (name.equals(ManifestSchema.FILE_NAME)) {
                    if (Files.size(file) > MAX_MANIFEST_BYTES) {
                        problems.add(new VerificationReport.Problem(name, "is larger than " + MAX_MANIFEST_BYTES + " bytes"));
                        continue;
                    }
                    manifest = Files.readAllBytes(file);
                } else {
                    found.put(name, new ManifestFileCheck.FileFacts(Files.size(file), Sha256.ofFile(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the export folder " + folder, e);
        }
        String[] model = new String[1];
        problems.addAll(ManifestFileCheck.check(manifest, found, model));
        return new VerificationReport(folder.toString(), found.size(), model[0], problems);
    }

    /** Returns the regular files under {@code folder} in sorted order; other kinds become problems. */
    static List<Path> listFiles(Path folder, List<VerificationReport.Problem> problems) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                } else {
                    String kind = attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file";
                    problems.add(new VerificationReport.Problem(relativeName(folder, file),
                            "is " + kind + "; export folders contain only regular files and folders"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /** Returns the '/'-separated path of {@code file} relative to {@code folder}. */
    static String relativeName(Path folder, Path file) {
        Path relative = folder.relativize(file);
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    /** Signals that the manifest entry is larger than {@link #MAX_MANIFEST_BYTES}. */
    private static final class ManifestTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Buffers up to a limit, then fails: the manifest is read into memory. */
    private static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream target;
        private final int limit;

        BoundedBuffer(ByteArrayOutputStream target, int limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (target.size() + length > limit) {
                throw new ManifestTooLargeException();
            }
            target.write(buffer, offset, length);
        }
    }
}
