package io.magicvl.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.safetensors.SafetensorsWriter;
import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLayoutTest {
    @TempDir
    Path dir;

    @Test
    void everyNanoStageMatchesItsConfig() throws IOException {
        try (Stream<Path> stages = Files.list(TestPaths.nanoRun())) {
            for (Path stage : stages.sorted().toList()) {
                ModelConfig config = ModelConfig.read(stage);
                try (Checkpoint checkpoint = Checkpoint.open(stage)) {
                    ModelLayout.LayoutCheck check = config.layout().check(checkpoint).requireOk();
                    assertEquals(checkpoint.tensors().size(), check.assignment().size(), stage.toString());
                }
            }
        }
    }

    @Test
    void nanoParameterCountsFollowFromConfig() {
        ModelConfig config = ModelConfig.read(TestPaths.nanoRun().resolve("stage4-advanced"));
        VisionConfig v = config.vision();
        DecoderConfig d = config.decoder();
        long vh = v.hiddenSize();
        long vf = v.intermediateSize();
        long visionLayer = 4 * vh + 4 * (vh * vh + vh) + (vf * vh + vf) + (vh * vf + vh);
        long vision = vh * v.numChannels() * v.patchSize() * v.patchSize() + vh + (long) v.numPatches() * vh
                + v.numLayers() * visionLayer + 2 * vh;
        long in = config.projector().inputSize();
        long out = d.hiddenSize();
        long projector = 2 * in + in * out + out + out * out + out;
        long h = d.hiddenSize();
        long decoderLayer = 2 * h + (long) d.queryWidth() * h * 2 + 2L * d.kvWidth() * h + 2L * d.headDim()
                + 3L * d.intermediateSize() * h;
        Map<Component, Long> counts = config.layout().requiredParameters();
        assertEquals(vision, counts.get(Component.VISION));
        assertEquals(projector, counts.get(Component.PROJECTOR));
        assertEquals((long) d.vocabSize() * h, counts.get(Component.EMBEDDINGS));
        assertEquals(d.numLayers() * decoderLayer + h, counts.get(Component.DECODER));
        assertEquals(null, counts.get(Component.LM_HEAD));
    }

    @Test
    void qwen25VariantMatchesItsConfig() {
        Path variant = TestPaths.shared().resolve("fixtures/variants/qwen25-t128");
        try (Checkpoint checkpoint = Checkpoint.open(variant)) {
            ModelLayout.LayoutCheck check = ModelConfig.read(variant).layout().check(checkpoint).requireOk();
            assertEquals(Component.LM_HEAD, check.assignment().get("language_model.lm_head.weight"));
            assertEquals(Component.DECODER,
                    check.assignment().get("language_model.model.layers.0.self_attn.q_proj.bias"));
        }
    }

    @Test
    void optionalTensorsAreUnused() throws IOException {
        Path nano = TestPaths.nanoRun().resolve("stage4-advanced");
        Files.copy(nano.resolve("config.json"), dir.resolve("config.json"));
        ModelLayout layout = ModelConfig.read(dir).layout();
        SafetensorsWriter writer = new SafetensorsWriter();
        for (ExpectedTensor tensor : layout.required()) {
            writer.addFloats(tensor.name(), DType.BF16, tensor.shape(), new float[(int) tensor.elementCount()]);
        }
        long patches = layout.config().vision().numPatches();
        writer.addFloats("vision_model.embeddings.position_ids", DType.I64, new long[] {1, patches}, new float[(int) patches]);
        long hidden = layout.config().vision().hiddenSize();
        writer.addFloats("vision_model.head.probe", DType.BF16, new long[] {1, 1, hidden}, new float[(int) hidden]);
        writer.write(dir.resolve("model.safetensors"));
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            ModelLayout.LayoutCheck check = layout.check(checkpoint).requireOk();
            assertEquals(Component.UNUSED, check.assignment().get("vision_model.embeddings.position_ids"));
            assertEquals(Component.UNUSED, check.assignment().get("vision_model.head.probe"));
        }
    }

    @Test
    void mismatchesAreListedOnePerLine() throws IOException {
        Path nano = TestPaths.nanoRun().resolve("stage4-advanced");
        Files.copy(nano.resolve("config.json"), dir.resolve("config.json"));
        ModelLayout layout = ModelConfig.read(dir).layout();
        SafetensorsWriter writer = new SafetensorsWriter();
        for (ExpectedTensor tensor : layout.required()) {
            long[] shape = tensor.shape();
            if (tensor.name().equals("mlp1.1.weight")) {
                shape[1] += 1;
            }
            if (tensor.name().equals("language_model.model.norm.weight")) {
                continue;
            }
            TensorInfo info = new TensorInfo(tensor.name(), DType.BF16, shape);
            writer.addFloats(info.name(), DType.BF16, shape, new float[(int) info.elementCount()]);
        }
        writer.addFloats("extra.weight", DType.F32, new long[] {2}, new float[2]);
        writer.write(dir.resolve("model.safetensors"));

        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            ModelLayout.LayoutCheck check = layout.check(checkpoint);
            assertEquals(3, check.problems().size(), check.problems().toString());
            MagicvlException error = assertThrows(MagicvlException.class, check::requireOk);
            String message = error.getMessage();
            long[] expected = layout.find("mlp1.1.weight").orElseThrow().shape();
            String wrong = "[" + expected[0] + ", " + (expected[1] + 1) + "]";
            String right = "[" + expected[0] + ", " + expected[1] + "]";
            assertTrue(message.contains("model.safetensors: tensor 'mlp1.1.weight' has shape " + wrong
                    + " but config.json implies " + right), message);
            assertTrue(message.contains("'language_model.model.norm.weight'"), message);
            assertTrue(message.contains("missing"), message);
            assertTrue(message.contains("'extra.weight'"), message);
            assertTrue(message.contains("not part of"), message);
        }
    }
}
