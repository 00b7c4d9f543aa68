package io.magicvl.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.model.Component;
import io.magicvl.core.recipe.AuditSection;
import io.magicvl.core.safetensors.SafetensorsFile;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAuditorTest {
    @TempDir
    Path dir;

    private static final String FROZEN_IN_STAGE1 = "vision_model.encoder.layers.1.mlp.fc1.weight";

    private Path copyRun() throws IOException {
        Path run = dir.resolve("run");
        try (Stream<Path> files = Files.walk(TestPaths.nanoRun())) {
            for (Path source : files.toList()) {
                Path target = run.resolve(TestPaths.nanoRun().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return run;
    }

    /** Overwrites the first BF16 element of {@code tensor} in {@code stage} with {@code bits}. */
    private static void patchFirstElement(Path stage, String tensor, java.util.function.IntUnaryOperator bits)
            throws IOException {
        Path file = stage.resolve("model.safetensors");
        long offset;
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            offset = safetensors.dataStart() + safetensors.dataOffset(tensor);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int low = raf.read();
            int high = raf.read();
            int patched = bits.applyAsInt(low | (high << 8));
            raf.seek(offset);
            raf.write(patched & 0xFF);
            raf.write((patched >>> 8) & 0xFF);
        }
    }

    @Test
    void nanoRunPasses() {
        AuditReport report = new RunAuditor(null).audit(TestPaths.nanoRun());
        assertTrue(report.passed(), report.violations().toString());
        assertEquals(List.of(0, 1, 2, 3, 4), report.stages().stream().map(AuditReport.StageReport::number).toList());
        AuditReport.StageReport stage1 = report.stages().get(1);
        assertEquals(List.of(Component.PROJECTOR), stage1.allowed());
        assertEquals(0, stage1.components().get(Component.VISION).changed());
        assertEquals(0, stage1.components().get(Component.DECODER).changed());
        AuditReport.ComponentChange projector = stage1.components().get(Component.PROJECTOR);
        assertEquals(projector.tensors(), projector.changed());
        assertTrue(projector.maxAbsDiff() > 0);
        AuditReport.StageReport stage3 = report.stages().get(3);
        assertEquals(stage3.components().get(Component.DECODER).tensors(), stage3.components().get(Component.DECODER).changed());
        boolean stage0AllZeroWarning = report.warnings().stream()
                .anyMatch(w -> w.kind().equals("all-zero") && w.stage().equals("stage0-pretrained"));
        assertTrue(stage0AllZeroWarning, report.warnings().toString());
        String table = AuditTable.render(report);
        assertTrue(table.contains("PASSED"), table);
        assertTrue(table.contains("stage1-alignment"), table);
    }

    @Test
    void oneUlpInFrozenModuleFails() throws IOException {
        Path run = copyRun();
        patchFirstElement(run.resolve("stage1-alignment"), FROZEN_IN_STAGE1, bits -> bits + 1);
        AuditReport report = new RunAuditor(null).audit(run);
        assertFalse(report.passed());
        AuditReport.Finding finding = report.violations().get(0);
        assertEquals("stage1-alignment", finding.stage());
        assertEquals(FROZEN_IN_STAGE1, finding.tensor());
        assertEquals("frozen-changed", finding.kind());
        assertTrue(finding.message().contains("frozen"), finding.message());
        assertEquals(1, report.violations().size(), report.violations().toString());
    }

    @Test
    void nanFails() throws IOException {
        Path run = copyRun();
        String tensor = "language_model.model.layers.2.mlp.up_proj.weight";
        patchFirstElement(run.resolve("stage3-instruct"), tensor, bits -> 0x7FC0);
        AuditReport report = new RunAuditor(null).audit(run);
        assertFalse(report.passed());
        assertTrue(report.violations().stream().anyMatch(v -> v.kind().equals("not-finite")
                && v.tensor().equals(tensor) && v.stage().equals("stage3-instruct") && v.message().contains("1 NaN")),
                report.violations().toString());
    }

    @Test
    void recipeOverrideChangesRules() {
        AuditSection section = new AuditSection(Map.of("1", List.of("vision_model")), List.of());
        AuditReport report = new RunAuditor(section).audit(TestPaths.nanoRun());
        assertFalse(report.passed());
        assertTrue(report.violations().stream().allMatch(v -> v.stage().equals("stage1-alignment")
                && v.tensor().startsWith("mlp1.")), report.violations().toString());
    }

    @Test
    void overrideOfUnknownStage() {
        AuditSection section = new AuditSection(Map.of("stage9-extra", List.of("all")), List.of());
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> new RunAuditor(section).audit(TestPaths.nanoRun()));
        assertTrue(error.getMessage().contains("'stage9-extra'"), error.getMessage());
        assertTrue(error.getMessage().contains("stage4-advanced"), error.getMessage());
    }

    @Test
    void findStageByNumberOrName() {
        assertEquals("stage2-visual", StageDiscovery.find(TestPaths.nanoRun(), "2").name());
        assertEquals(3, StageDiscovery.find(TestPaths.nanoRun(), "stage3-instruct").number());
        assertEquals("stage4-advanced", StageDiscovery.find(TestPaths.nanoRun(), null).name());
        MagicvlException error = assertThrows(MagicvlException.class, () -> StageDiscovery.find(TestPaths.nanoRun(), "7"));
        assertTrue(error.getMessage().contains("'7'"), error.getMessage());
        assertTrue(error.getMessage().contains("1 (stage1-alignment)"), error.getMessage());
    }

    @Test
    void stageDiscoveryErrors() throws IOException {
        MagicvlException error = assertThrows(MagicvlException.class,
                () -> StageDiscovery.discover(TestPaths.nanoRun().resolve("stage1-alignment")));
        assertTrue(error.getMessage().contains("single checkpoint"), error.getMessage());

        Path run = copyRun();
        Files.move(run.resolve("stage2-visual"), run.resolve("visual"));
        assertEquals(2, StageDiscovery.discover(run).stream().filter(s -> s.name().equals("visual")).findFirst()
                .orElseThrow().number(), "number from trainer_state.json");

        Files.copy(run.resolve("visual/trainer_state.json"), run.resolve("visual/trainer_state.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(run.resolve("visual/trainer_state.json"), "{}");
        error = assertThrows(MagicvlException.class, () -> StageDiscovery.discover(run));
        assertTrue(error.getMessage().contains("visual"), error.getMessage());
        assertTrue(error.getMessage().contains("stage number"), error.getMessage());

        Files.move(run.resolve("visual"), run.resolve("stage2b"));
        Files.move(run.resolve("stage1-alignment"), run.resolve("stage_2"));
        error = assertThrows(MagicvlException.class, () -> StageDiscovery.discover(run));
        assertTrue(error.getMessage().contains("stage 2"), error.getMessage());
    }
}
