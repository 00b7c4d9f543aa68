package io.magicvl.validator.run;

import io.magicvl.runtime.Answer;
import io.magicvl.runtime.PhaseTimings;
import io.magicvl.runtime.VisionLanguageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TEST DOUBLE, not a model: answers with a fixed function of the question and the image
 * bytes, so the run bookkeeping tests (resume, shards, merge, threads) can check exact
 * files without a converted export. The same tests also run against the real ONNX Runtime
 * model when its export can be built. It never claims to measure accuracy.
 */
final class DeterministicTestModel implements VisionLanguageModel {
    private final Path exportDir;
    private final long delayMillis;

    DeterministicTestModel(Path exportDir, long delayMillis) {
        this.exportDir = exportDir;
        this.delayMillis = delayMillis;
    }

    @Override
    public Answer answer(Path image, String question, int maxNewTokens) {
        long start = System.nanoTime();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int hash = question.hashCode();
        if (image != null) {
            try {
                hash = 31 * hash + java.util.Arrays.hashCode(Files.readAllBytes(image));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String[] words = {"yes", "no", "red", "egg", "blue", "Yes, it is.", "I cannot tell"};
        String text = words[Math.floorMod(hash, words.length)];
        long total = System.nanoTime() - start;
        PhaseTimings timings = new PhaseTimings(0, 0, 0, total, List.of(), total, 0);
        return new Answer(text, List.of(1, 2), List.of(1, 2, 3), image == null ? 0 : 1, image == null ? 0 : 16, timings);
    }

    @Override
    public Path exportDir() {
        return exportDir;
    }

    @Override
    public void close() {}

    /** Writes a folder with only a manifest.json, enough for the run's export hash. */
    static Path fakeExport(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), "{\"format_version\": 1, \"model\": {\"name\": \"" + name + "\"}}");
        return dir;
    }
}
