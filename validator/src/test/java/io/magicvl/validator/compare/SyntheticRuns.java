package io.magicvl.validator.compare;

import io.magicvl.core.Json;
import io.magicvl.validator.data.BenchmarkData;
import io.magicvl.validator.run.RunManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes run folders from predictions chosen by a test, the way another tool's outputs would
 * be scored: {@code run.json} plus {@code predictions.jsonl}, without running a model.
 */
final class SyntheticRuns {
    private SyntheticRuns() {}

    static Path write(Path dir, BenchmarkData data, Path imagesDir, String exportSha, String mode,
            Map<Integer, String> predictions) throws IOException {
        Files.createDirectories(dir);
        RunManifest manifest = new RunManifest(RunManifest.FORMAT_VERSION, data.bench().id(), mode,
                data.file().toAbsolutePath().toString(), data.sha256(), data.format().id(), data.items().size(),
                "/exports/" + exportSha, exportSha, imagesDir.toAbsolutePath().toString(), null, null, null, 24,
                data.items().size(), "test", List.of());
        manifest.write(dir);
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<Integer, String> entry : new java.util.TreeMap<>(predictions).entrySet()) {
            var line = Json.MAPPER.createObjectNode();
            line.put("pos", entry.getKey());
            line.put("prediction", entry.getValue());
            lines.append(Json.MAPPER.writeValueAsString(line)).append('\n');
        }
        Files.writeString(dir.resolve(RunManifest.PREDICTIONS), lines, StandardCharsets.UTF_8);
        return dir;
    }
}
