package io.magicvl.release.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVerifierTest {
    @TempDir
    Path tmp;

    @Test
    void intactBundleVerifies() throws IOException {
        Path bundle = packed();

        VerificationReport report = BundleVerifier.verifyBundle(bundle, ExtractionLimits.defaults());

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(7, report.filesChecked());
        assertEquals("test-model", report.model());
    }

    @Test
    void flippedByteInAnyEntryIsCaught() throws IOException {
        Path bundle = packed();
        List<String> files = fileEntries(bundle);
        assertEquals(8, files.size(), files.toString());

        for (String victim : files) {
            Path broken = tmp.resolve("broken-" + victim.replace('/', '_') + ".tar.zst");
            rewriteFlipping(bundle, broken, victim);

            VerificationReport report = BundleVerifier.verifyBundle(broken, ExtractionLimits.defaults());

            assertFalse(report.ok(), "flipped byte in " + victim + " went unnoticed");
            if (!victim.equals("manifest.json")) {
                assertEquals(victim, report.problems().get(0).path(), report.problems().toString());
                assertTrue(report.problems().get(0).message().contains("SHA-256"), report.problems().toString());
            }
        }
    }

    @Test
    void flippedByteInExportFolderIsCaught() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        byte[] bytes = Files.readAllBytes(export.resolve("decoder.onnx.data"));
        bytes[100] ^= 0x01;
        Files.write(export.resolve("decoder.onnx.data"), bytes);

        VerificationReport report = BundleVerifier.verifyFolder(export);

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertEquals("decoder.onnx.data", report.problems().get(0).path());
    }

    @Test
    void unlistedAndMissingFilesAreNamed() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Files.writeString(export.resolve("stray.txt"), "not in the manifest");
        Files.delete(export.resolve("tokenizer.json"));

        VerificationReport report = BundleVerifier.verifyFolder(export);

        List<String> paths = report.problems().stream().map(VerificationReport.Problem::path).toList();
        assertEquals(List.of("tokenizer.json", "stray.txt"), paths);
        assertTrue(report.problems().get(0).message().contains("missing"));
        assertTrue(report.problems().get(1).message().contains("not listed"));
    }

    @Test
    void corruptCompressedStreamIsReported() throws IOException {
        Path bundle = packed();
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 0x55;
        Path broken = tmp.resolve("corrupt.tar.zst");
        Files.write(broken, bytes);

        VerificationReport report = BundleVerifier.verifyBundle(broken, ExtractionLimits.defaults());

        assertFalse(report.ok());
        assertTrue(report.problems().get(0).message().contains("corrupt.tar.zst"), report.problems().toString());
    }

    @Test
    void schemaProblemIsReported() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        String manifest = Files.readString(export.resolve("manifest.json"));
        Files.writeString(export.resolve("manifest.json"), manifest.replace("\"format_version\" : 1", "\"format_version\" : \"1\""));

        VerificationReport report = BundleVerifier.verifyFolder(export);

        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).message().contains("/format_version"), report.problems().toString());
    }

    private Path packed() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Path bundle = tmp.resolve("good.tar.zst");
        BundlePacker.pack(export, bundle, false);
        return bundle;
    }

    private static List<String> fileEntries(Path bundle) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new ZstdCompressorInputStream(Files.newInputStream(bundle));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }

    /** Copies a bundle entry by entry, flipping one bit in the middle of {@code victim}'s content. */
    private static void rewriteFlipping(Path source, Path target, String victim) throws IOException {
        try (InputStream in = new ZstdCompressorInputStream(Files.newInputStream(source));
                TarArchiveInputStream tar = new TarArchiveInputStream(in);
                OutputStream out = Files.newOutputStream(target);
                ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(out);
                TarArchiveOutputStream copy = new TarArchiveOutputStream(zstd)) {
            copy.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                tar.transferTo(content);
                byte[] bytes = content.toByteArray();
                if (entry.getName().equals(victim)) {
                    bytes[bytes.length / 2] ^= 0x01;
                }
                TarArchiveEntry clone = BundlePacker.newEntry(entry.getName(), entry.isDirectory());
                clone.setSize(bytes.length);
                copy.putArchiveEntry(clone);
                copy.write(bytes);
                copy.closeArchiveEntry();
            }
        }
    }
}
