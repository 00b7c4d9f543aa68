package io.magicvl.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFolderTest {
    @TempDir
    Path dir;

    private static ExportManifest manifest() {
        ExportManifest.Component vision = new ExportManifest.Component("vision.onnx", "fp32", null,
                List.of(new ExportManifest.TensorSignature("pixel_values", "float32", List.of("tiles", 3, 128, 128))),
                List.of(), null, null);
        return new ExportManifest(ExportManifest.FORMAT_VERSION,
                new ExportManifest.Model("nano", "magicvl-nano", "magicvl"),
                new ExportManifest.Source("stage4-advanced", 4, "abc", Map.of("model.safetensors", "def")),
                new ExportManifest.Toolchain("0.1.0", "unknown"), null, Map.of("vision", vision), null, null, null,
                List.of(), null, null);
    }

    @Test
    void manifestRoundTripListsFiles() throws Exception {
        Files.writeString(dir.resolve("vision.onnx"), "graph");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.txt"), "abc");

        ExportManifest written = ExportFolder.writeManifest(dir, manifest());
        ExportManifest read = ExportFolder.readManifest(dir);

        assertEquals(Json.MAPPER.writeValueAsString(written), Json.MAPPER.writeValueAsString(read));
        assertEquals(2, read.files().size());
        assertEquals("sub/a.txt", read.files().get(0).path());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", read.files().get(0).sha256());
        assertEquals(5, read.files().get(1).size());
        assertEquals(List.of("tiles", 3, 128, 128), read.components().get("vision").inputs().get(0).shape());
        String text = Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"format_version\" : 1"), text);
        assertTrue(text.contains("\"config_sha256\" : \"abc\""), text);
        assertTrue(ExportFolder.verify(dir).isEmpty());
    }

    @Test
    void verifyReportsChangedFile() throws Exception {
        Files.writeString(dir.resolve("vision.onnx"), "graph");
        ExportFolder.writeManifest(dir, manifest());
        Files.writeString(dir.resolve("vision.onnx"), "GRAPH");

        List<String> problems = ExportFolder.verify(dir);

        assertEquals(List.of("vision.onnx: SHA-256 differs from the manifest"), problems);
    }

    @Test
    void missingManifestIsInvalidInput() {
        MagicvlException error = assertThrows(MagicvlException.class, () -> ExportFolder.readManifest(dir));

        assertTrue(error.getMessage().contains("No manifest.json in " + dir), error.getMessage());
    }
}
