package io.magicvl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.core.synth.SynthSpec;
import io.magicvl.core.synth.SyntheticCheckpoint;
import io.magicvl.runtime.image.TestImages;
import io.magicvl.runtime.preprocess.InternVlGrid;
import io.magicvl.runtime.preprocess.PreprocessSpec;
import io.magicvl.runtime.text.PromptBuilder;
import io.magicvl.runtime.text.PromptSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny random-weight InternVL2.5 checkpoint converted and run: closest-aspect tiling with a
 * thumbnail, the BOS and system turn of the internvl2_5 template, and cached decoding of the
 * InternLM2 decoder graph against a full pass.
 */
class InternVlEndToEndTest {
    @Test
    void tinyInternVlRunsWithThumbnailAndSystemTurn(@TempDir Path dir) throws IOException {
        Path checkpoint = dir.resolve("internvl");
        SyntheticCheckpoint.write(SynthSpec.tiny("internvl2_5-2b"), checkpoint,
                SyntheticCheckpoint.Options.defaults().withSeed(5));
        Path export = Converter.convert(
                new ConvertOptions(checkpoint, dir.resolve("export"), "fp32", null, ParityMode.OFF, false)).folder();
        Path image = dir.resolve("wide.png");
        ImageIO.write(TestImages.quadrants(300, 100), "png", image.toFile());

        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(export, RuntimeOptions.defaults())) {
            PreprocessSpec spec = model.manifest().preprocess();
            PromptSpec prompt = model.manifest().prompt();
            AnswerTrace trace = new AnswerTrace(true);

            Answer answer = model.answer(image, "What is it?", 6, false, trace);

            assertEquals(PreprocessSpec.INTERNVL_TILES, spec.scheme());
            InternVlGrid grid = InternVlGrid.choose(300, 100, spec.minTiles(), spec.maxTiles(), spec.tileSize());
            int tiles = grid.tiles() + (spec.useThumbnail() && grid.tiles() > 1 ? 1 : 0);
            assertTrue(grid.tiles() > 1, "a 3:1 image needs several tiles");
            assertEquals(tiles, answer.tiles(), "tiles with thumbnail");
            assertEquals(tiles * spec.tokensPerTile(), answer.visualTokens());

            assertTrue(prompt.addBos(), "internvl2_5 starts with BOS");
            assertEquals(prompt.bosTokenId().intValue(), answer.promptIds().get(0));
            String system = prompt.system() != null ? prompt.system() : PromptBuilder.INTERNVL2_5_SYSTEM;
            String text = model.tokenizer().decode(
                    answer.promptIds().stream().mapToLong(Integer::longValue).toArray(), false);
            assertTrue(text.contains("<|im_start|>system\n" + system + "<|im_end|>\n<|im_start|>user\n<img>"), text);

            long[] generated = answer.tokenIds().stream().mapToLong(Integer::longValue).toArray();
            float[] full = model.logitsWithoutCache(image, "What is it?", generated);
            int vocab = model.manifest().decoder().vocabSize();
            int length = answer.promptIds().size();
            for (int step = 0; step < trace.stepLogits().size(); step++) {
                int row = length + step;
                double diff = NanoEndToEndTest.maxDiff(
                        Arrays.copyOfRange(full, row * vocab, (row + 1) * vocab), trace.stepLogits().get(step));
                assertTrue(diff < 1e-4, "step " + step + " logits differ by " + diff);
            }
            assertEquals(5, trace.stepLogits().size(), "decode steps");
        }
    }
}
