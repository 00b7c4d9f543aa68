package io.magicvl.release.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleUnpackerTest {
    private static final byte[] SMALL = "payload".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @Test
    void unpackRestoresEveryFile() throws IOException {
        Path export = TestExport.write(tmp.resolve("export"));
        Path bundle = tmp.resolve("b.tar.zst");
        BundlePacker.pack(export, bundle, false);
        Path out = tmp.resolve("out");

        VerificationReport report = BundleUnpacker.unpack(bundle, out, ExtractionLimits.defaults(), false);

        assertTrue(report.ok());
        assertEquals(7, report.filesChecked());
        for (String name : List.of("vision.onnx", "decoder.onnx.data", "manifest.json", TestExport.LONG_NAME)) {
            assertEquals(-1L, Files.mismatch(export.resolve(name), out.resolve(name)), name);
        }
    }

    @Test
    void unpackKeepsExistingTargetWithoutForce() throws IOException {
        Path bundle = new RawTar().file("a.txt", SMALL).writeZst(tmp.resolve("b.tar.zst"));
        Path out = Files.createDirectories(tmp.resolve("out"));

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> BundleUnpacker.unpack(bundle, out, ExtractionLimits.defaults(), false));

        assertTrue(error.getMessage().contains("--force"), error.getMessage());
    }

    @Test
    void absolutePathIsRejected() throws IOException {
        assertRejected(new RawTar().file("/tmp/evil.txt", SMALL), "/tmp/evil.txt", "absolute path");
    }

    @Test
    void parentSegmentIsRejected() throws IOException {
        assertRejected(new RawTar().file("../evil.txt", SMALL), "../evil.txt", "'..'");
        assertRejected(new RawTar().file("a/../../evil.txt", SMALL), "a/../../evil.txt", "'..'");
    }

    @Test
    void symbolicLinkLeavingTargetIsRejected() throws IOException {
        RawTar tar = new RawTar().entry("escape", RawTar.SYMLINK, new byte[0], "/etc").file("escape/passwd", SMALL);
        assertRejected(tar, "escape", "symbolic link");
    }

    @Test
    void symbolicLinkInsideTargetIsRejectedToo() throws IOException {
        RawTar tar = new RawTar().file("a.txt", SMALL).entry("b.txt", RawTar.SYMLINK, new byte[0], "a.txt");
        assertRejected(tar, "b.txt", "symbolic link");
    }

    @Test
    void hardLinkIsRejected() throws IOException {
        RawTar tar = new RawTar().entry("hard", RawTar.HARD_LINK, new byte[0], "../../etc/passwd");
        assertRejected(tar, "hard", "hard link");
    }

    @Test
    void deviceFilesAndFifosAreRejected() throws IOException {
        assertRejected(new RawTar().entry("tty", RawTar.CHAR_DEVICE, new byte[0], ""), "tty", "device file");
        assertRejected(new RawTar().entry("sda", RawTar.BLOCK_DEVICE, new byte[0], ""), "sda", "device file");
        assertRejected(new RawTar().entry("pipe", RawTar.FIFO, new byte[0], ""), "pipe", "FIFO");
    }

    @Test
    void duplicateEntryIsRejected() throws IOException {
        RawTar tar = new RawTar().file("model.onnx", SMALL).file("model.onnx", "evil".getBytes(StandardCharsets.UTF_8));
        assertRejected(tar, "model.onnx", "duplicate");
    }

    @Test
    void fileUsedAsFolderIsRejected() throws IOException {
        RawTar tar = new RawTar().file("a", SMALL).file("a/b", SMALL);
        assertRejected(tar, "a/b", "is a file entry");
    }

    @Test
    void oversizedEntryIsRejected() throws IOException {
        RawTar tar = new RawTar().file("big.bin", new byte[10_000]);
        assertRejected(tar, new ExtractionLimits(4096, 1 << 20, 100), "big.bin", "4096 bytes per entry");
    }

    @Test
    void totalBeyondLimitIsRejectedWhileStreaming() throws IOException {
        RawTar tar = new RawTar();
        for (int i = 0; i < 5; i++) {
            tar.file("part" + i + ".bin", new byte[3000]);
        }
        // Each entry is under the per-entry limit; the fourth pushes the running total past 10,000 bytes.
        assertRejected(tar, new ExtractionLimits(4096, 10_000, 100), "part3.bin", "limit of");
    }

    @Test
    void tooManyEntriesAreRejected() throws IOException {
        RawTar tar = new RawTar();
        for (int i = 0; i < 4; i++) {
            tar.file("f" + i, SMALL);
        }
        assertRejected(tar, new ExtractionLimits(4096, 1 << 20, 3), "f3", "limit of 3 entries");
    }

    @Test
    void hugePaxHeaderIsStoppedByStreamLimit() throws IOException {
        // 8 MiB of PAX record compresses to a few hundred bytes: a zstd bomb hidden in metadata,
        // which no entry size declares. The bound on the decompressed stream stops it.
        RawTar tar = new RawTar().paxRecord("comment", 8 << 20).file("a.txt", SMALL);
        ExtractionLimits limits = new ExtractionLimits(4096, 4096, 10);
        Path bundle = tar.writeZst(tmp.resolve("bomb.tar.zst"));
        assertTrue(Files.size(bundle) < 10_000, "bomb is small compressed: " + Files.size(bundle));

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> BundleUnpacker.unpack(bundle, tmp.resolve("out"), limits, false));

        assertEquals(MagicvlException.Kind.CHECK_FAILED, error.kind());
        assertTrue(error.getMessage().contains("decompressed archive stream exceeds the limit"), error.getMessage());
        assertNothingLeft();
    }

    @Test
    void truncatedArchiveIsRejected() throws IOException {
        byte[] tar = new RawTar().file("a.txt", new byte[2000]).toTar();
        byte[] cut = java.util.Arrays.copyOf(tar, 1024);
        Path bundle = tmp.resolve("cut.tar.zst");
        Files.write(bundle, com.github.luben.zstd.Zstd.compress(cut, 3));

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> BundleUnpacker.unpack(bundle, tmp.resolve("out"), ExtractionLimits.defaults(), false));

        assertTrue(error.getMessage().contains("a.txt"), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
        assertNothingLeft();
    }

    @Test
    void bundleWithoutManifestIsRejectedAfterExtraction() throws IOException {
        RawTar tar = new RawTar().file("a.txt", SMALL);
        assertRejected(tar, "manifest.json", "missing");
    }

    private void assertRejected(RawTar tar, String entry, String reason) throws IOException {
        assertRejected(tar, ExtractionLimits.defaults(), entry, reason);
    }

    private void assertRejected(RawTar tar, ExtractionLimits limits, String entry, String reason) throws IOException {
        Path bundle = tar.writeZst(tmp.resolve("evil.tar.zst"));
        Path out = tmp.resolve("out");

        MagicvlException error = assertThrows(MagicvlException.class,
                () -> BundleUnpacker.unpack(bundle, out, limits, false));

        assertEquals(MagicvlException.Kind.CHECK_FAILED, error.kind(), error.getMessage());
        assertTrue(error.getMessage().contains(entry), "message names " + entry + ": " + error.getMessage());
        assertTrue(error.getMessage().contains(reason), "message says " + reason + ": " + error.getMessage());
        assertNothingLeft();
        Files.delete(bundle);
    }

    /** Checks that neither the target nor a temporary folder was left behind. */
    private void assertNothingLeft() throws IOException {
        try (Stream<Path> children = Files.list(tmp)) {
            List<String> names = children.map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(".tar.zst"))
                    .toList();
            assertEquals(List.of(), names);
        }
    }
}
