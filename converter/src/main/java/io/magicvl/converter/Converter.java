package io.magicvl.converter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.converter.export.CheckpointWeights;
import io.magicvl.converter.export.ExportDescriptors;
import io.magicvl.converter.export.GraphSignatures;
import io.magicvl.converter.export.ModelSpecs;
import io.magicvl.converter.graph.ComponentGraphs;
import io.magicvl.converter.graph.DecoderSpec;
import io.magicvl.converter.graph.VisionSpec;
import io.magicvl.converter.parity.ParityRow;
import io.magicvl.converter.parity.ParityRunner;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.Toolchain;
import io.magicvl.core.export.ExportFolder;
import io.magicvl.core.export.ExportManifest;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.core.model.ModelDescription;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.OnnxFiles;
import io.magicvl.core.onnx.Provenance;
import io.magicvl.core.recipe.Recipe;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.safetensors.SafetensorsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a checkpoint folder into an export folder: {@code vision.onnx}, {@code embed.onnx},
 * {@code decoder.onnx} with their external data, tokenizer files, {@code preprocess.json},
 * {@code genai_config.json} and {@code manifest.json}, then checks parity against the Java
 * reference.
 *
 * <p>Everything is written into a temporary sibling of the output folder, which is moved into
 * place when parity passes. When parity fails the folder is kept as {@code <out>.parity-failed}
 * for inspection and the conversion reports a failed check.
 */
public final class Converter {
    private static final Logger LOG = LoggerFactory.getLogger(Converter.class);
    private static final Pattern STAGE = Pattern.compile("stage(\\d+)");
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json");

    private Converter() {}

    /**
     * The outcome of a conversion.
     *
     * @param folder where the export folder is (the output, or {@code <out>.parity-failed})
     * @param passed whether every parity row passed (true when parity was off)
     * @param parity the parity table, empty when parity was off
     * @param manifest the manifest as written
     * @param seconds wall time
     * @param precision the precision written
     * @param mode the parity mode run
     * @param thresholds the parity thresholds applied
     */
    public record Result(Path folder, boolean passed, List<ParityRow> parity, ExportManifest manifest, double seconds,
            String precision, ParityMode mode, ConvertSection.Thresholds thresholds) {}

    /**
     * Runs the conversion.
     *
     * @throws MagicvlException (invalid input) for a bad checkpoint, recipe or option
     */
    public static Result convert(ConvertOptions options) {
        long start = System.nanoTime();
        Recipe recipe = options.recipe() == null ? null : Recipe.load(options.recipe());
        ConvertSection section = recipe == null ? ConvertSection.empty()
                : recipe.findSection("convert", ConvertSection.class).orElse(ConvertSection.empty());
        String precision = precisionOf(options.precision() != null ? options.precision() : section.precision());
        ParityMode mode = options.parity() != null ? options.parity()
                : section.parity() != null ? ParityMode.parse(section.parity()) : ParityMode.QUICK;
        OutputPaths.checkWritable(options.out(), options.force());
        OutputPaths.checkSeparate(options.out(), options.checkpoint());

        Path checkpointFolder = options.checkpoint();
        if (!Files.isDirectory(checkpointFolder)) {
            throw MagicvlException.invalidInput("Checkpoint folder not found: " + checkpointFolder
                    + ". Give a Hugging Face checkpoint folder (config.json + *.safetensors).");
        }
        ModelDescription model = ModelDescription.read(checkpointFolder);
        VisionSpec visionSpec = ModelSpecs.vision(model.config());
        DecoderSpec decoderSpec = ModelSpecs.decoder(model.config());
        ElementType matrixType = precision.equals("fp16") ? ElementType.FLOAT16 : ElementType.FLOAT;

        Path temporary = OutputPaths.temporarySibling(options.out());
        ExecutorService hasher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "magicvl-hash");
            thread.setDaemon(true);
            return thread;
        });
        try (Checkpoint checkpoint = Checkpoint.open(checkpointFolder)) {
            model.layout().check(checkpoint).requireOk();
            // The source hashes go into every graph's metadata, but the graphs are written first:
            // hash the weight files on another thread while converting, then stamp the metadata.
            Future<Map<String, String>> weightHashing = hasher.submit(() -> hashWeights(checkpoint));
            String configHash = ExportFolder.sha256(model.config().source());
            Map<String, String> dataHashes = new TreeMap<>();
            CheckpointWeights weights = new CheckpointWeights(checkpoint);
            Map<String, String> pending = Map.of(Provenance.PREFIX + "stage", "convert");
            LOG.info("Writing vision.onnx ({} layers, {} precision)", visionSpec.layers(), precision);
            record(dataHashes, ComponentGraphs.writeVision(temporary.resolve("vision.onnx"), weights,
                    ModelSpecs.visionFamily(model.config()), visionSpec, matrixType, pending));
            LOG.info("Writing embed.onnx ({} x {})", decoderSpec.vocab(), decoderSpec.hidden());
            record(dataHashes, ComponentGraphs.writeEmbedding(temporary.resolve("embed.onnx"), weights,
                    ModelSpecs.decoderFamily(model.config()), decoderSpec, matrixType, pending));
            LOG.info("Writing decoder.onnx ({} layers)", decoderSpec.layers());
            record(dataHashes, ComponentGraphs.writeDecoder(temporary.resolve("decoder.onnx"), weights,
                    ModelSpecs.decoderFamily(model.config()), decoderSpec, matrixType, pending));

            Map<String, String> weightHashes = await(weightHashing);
            Map<String, String> sourceHashes = new TreeMap<>(weightHashes);
            sourceHashes.put("config.json", configHash);
            Provenance provenance = new Provenance("convert", sourceHashes, recipe == null ? null : recipe.sha256(),
                    Map.of("precision", precision, "checkpoint", checkpointFolder.getFileName().toString()));
            for (String graph : List.of("vision.onnx", "embed.onnx", "decoder.onnx")) {
                OnnxFiles.replaceMetadata(temporary.resolve(graph), provenance.toMetadata());
            }
            writeSideFiles(temporary, model);

            List<ParityRow> parity = List.of();
            if (mode != ParityMode.OFF) {
                LOG.info("Checking parity ({} mode)", mode.name().toLowerCase(java.util.Locale.ROOT));
                parity = ParityRunner.run(temporary, model, weights, precision, mode, section);
            }
            boolean passed = parity.stream().allMatch(ParityRow::passed);
            ExportManifest manifest = manifest(model, checkpointFolder, weightHashes, configHash, recipe, precision,
                    temporary, parity);
            manifest = ExportFolder.writeManifest(temporary, manifest, dataHashes);

            Path destination = passed ? options.out() : failedPath(options.out());
            OutputPaths.moveIntoPlace(temporary, destination, passed ? options.force() : true);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(destination, passed, parity, manifest, seconds, precision, mode,
                    section.thresholdsFor(precision));
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        } finally {
            hasher.shutdownNow();
        }
    }

    private static void record(Map<String, String> dataHashes, ComponentGraphs.WrittenGraph graph) {
        if (graph.data() != null) {
            dataHashes.put(graph.data().getFileName().toString(), graph.dataSha256());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while hashing the checkpoint", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Hashing the checkpoint failed", e.getCause());
        }
    }

    /** Returns where a folder that failed parity is kept: {@code <out>.parity-failed}. */
    public static Path failedPath(Path out) {
        Path absolute = out.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".parity-failed");
    }

    private static String precisionOf(String value) {
        String precision = value == null ? "fp32" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!precision.equals("fp32") && !precision.equals("fp16")) {
            throw MagicvlException.invalidInput("Invalid precision '" + value + "'. Use fp32 or fp16.");
        }
        return precision;
    }

    private static Map<String, String> hashWeights(Checkpoint checkpoint) {
        Map<String, String> hashes = new TreeMap<>();
        for (SafetensorsFile file : checkpoint.files()) {
            hashes.put(file.path().getFileName().toString(), ExportFolder.sha256(file.path()));
        }
        return hashes;
    }

    private static void writeSideFiles(Path folder, ModelDescription model) {
        try {
            for (String name : TOKENIZER_FILES) {
                Path source = model.folder().resolve(name);
                if (Files.isRegularFile(source)) {
                    Files.copy(source, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    LOG.warn("{} has no {}; the export folder will lack it", model.folder(), name);
                }
            }
            Files.write(folder.resolve("preprocess.json"), Json.PRETTY.writeValueAsBytes(ExportDescriptors.preprocess(model)));
            Files.write(folder.resolve("genai_config.json"),
                    Json.PRETTY.writeValueAsBytes(ExportDescriptors.genaiConfig(model)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the side files of " + folder, e);
        }
    }

    private static ExportManifest manifest(ModelDescription model, Path checkpointFolder, Map<String, String> weightHashes,
            String configHash, Recipe recipe, String precision, Path folder, List<ParityRow> parity) {
        Map<String, ExportManifest.Component> components = new LinkedHashMap<>();
        for (String name : List.of("vision", "embed", "decoder")) {
            Path file = folder.resolve(name + ".onnx");
            components.put(name, new ExportManifest.Component(file.getFileName().toString(), precision, null,
                    GraphSignatures.inputs(file), GraphSignatures.outputs(file), parityNode(name, parity), null));
        }
        String checkpointName = checkpointFolder.toAbsolutePath().normalize().getFileName().toString();
        Matcher stage = STAGE.matcher(checkpointName);
        Integer stageNumber = stage.find() ? Integer.valueOf(stage.group(1)) : null;
        String name = recipe != null ? recipe.name() : checkpointFolder.toAbsolutePath().normalize().getParent()
                .getFileName().toString();
        return new ExportManifest(ExportManifest.FORMAT_VERSION,
                new ExportManifest.Model(name, model.config().architecture(), model.config().modelType()),
                new ExportManifest.Source(checkpointName, stageNumber, configHash, weightHashes),
                new ExportManifest.Toolchain(Toolchain.version(), Toolchain.commit()),
                recipe == null ? null : new ExportManifest.Recipe(recipe.name(), recipe.sha256()),
                components, ExportDescriptors.preprocess(model), ExportDescriptors.prompt(model),
                ExportDescriptors.decoder(model), List.of(), null, null);
    }

    private static JsonNode parityNode(String component, List<ParityRow> parity) {
        List<ParityRow> rows = parity.stream().filter(r -> r.component().equals(component)).toList();
        if (rows.isEmpty()) {
            return null;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("max_abs", rows.stream().mapToDouble(ParityRow::maxAbs).max().orElse(0));
        node.put("max_rel", rows.stream().mapToDouble(ParityRow::maxRel).max().orElse(0));
        node.put("cosine", rows.stream().mapToDouble(ParityRow::cosine).min().orElse(1));
        int argmaxRows = rows.stream().mapToInt(ParityRow::argmaxRows).sum();
        if (argmaxRows > 0) {
            node.put("argmax_agree", rows.stream().mapToInt(r -> Math.max(0, r.argmaxAgree())).sum());
            node.put("argmax_rows", argmaxRows);
        }
        node.put("passed", rows.stream().allMatch(ParityRow::passed));
        return node;
    }

    private static void deleteQuietly(Path folder) {
        try {
            OutputPaths.deleteRecursively(folder);
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary folder {}: {}", folder, e.getMessage());
        }
    }
}
