package io.magicvl.release.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePackerTest {
    @TempDir
    Path tmp;

    @Test
    void packTwiceIsByteIdentical() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Path first = tmp.resolve("first.tar.zst");
        Path second = tmp.resolve("second.tar.zst");

        String firstSha = BundlePacker.pack(export, first, false);
        touchEverything(export);
        String secondSha = BundlePacker.pack(export, second, false);

        assertEquals(-1L, Files.mismatch(first, second), "bundles differ after touching the export's files");
        assertEquals(firstSha, secondSha);
        assertEquals(Sha256.ofFile(first), firstSha);
    }

    @Test
    void entriesAreSortedWithFixedMetadata() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Path bundle = tmp.resolve("b.tar.zst");
        BundlePacker.pack(export, bundle, false);

        List<String> names = new ArrayList<>();
        try (InputStream in = new ZstdCompressorInputStream(Files.newInputStream(bundle));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
                assertEquals(BundleFormat.ENTRY_TIME, entry.getModTime().toInstant(), entry.getName());
                assertEquals(0L, entry.getLongUserId(), entry.getName());
                assertEquals(0L, entry.getLongGroupId(), entry.getName());
                assertEquals("", entry.getUserName(), entry.getName());
                assertEquals("", entry.getGroupName(), entry.getName());
                int mode = entry.isDirectory() ? BundleFormat.DIRECTORY_MODE : BundleFormat.FILE_MODE;
                assertEquals(mode, entry.getMode(), entry.getName());
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertTrue(names.contains(TestExport.LONG_NAME), "long name kept whole: " + names);
        assertTrue(names.contains("extra/"), "directory entry present: " + names);
        assertEquals(9, names.size(), names.toString());
    }

    @Test
    void packRejectsFolderThatMismatchesManifest() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Files.write(export.resolve("embed.onnx"), new byte[] {1, 2, 3});

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> BundlePacker.pack(export, tmp.resolve("b.tar.zst"), false));

        assertEquals(MagicvlException.Kind.CHECK_FAILED, error.kind());
        assertTrue(error.getMessage().contains("embed.onnx"), error.getMessage());
        assertTrue(Files.notExists(tmp.resolve("b.tar.zst")));
    }

    @Test
    void packRejectsSymbolicLink() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Files.createSymbolicLink(export.resolve("link.onnx"), export.resolve("vision.onnx"));

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> BundlePacker.pack(export, tmp.resolve("b.tar.zst"), false));

        assertTrue(error.getMessage().contains("link.onnx"), error.getMessage());
    }

    @Test
    void packKeepsExistingOutputWithoutForce() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Path bundle = tmp.resolve("b.tar.zst");
        Files.writeString(bundle, "keep me");

        MagicvlException error = assertThrows(MagicvlException.class, () -> BundlePacker.pack(export, bundle, false));

        assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
        assertTrue(error.getMessage().contains("--force"), error.getMessage());
        assertEquals("keep me", Files.readString(bundle));
        BundlePacker.pack(export, bundle, true);
        assertTrue(BundleVerifier.verifyBundle(bundle, ExtractionLimits.defaults()).ok());
    }

    private static void touchEverything(Path folder) throws IOException {
        FileTime later = FileTime.from(Instant.parse("2030-06-01T12:34:56.789Z"));
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.toList()) {
                Files.setLastModifiedTime(path, later);
                if (Files.isRegularFile(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }
}
