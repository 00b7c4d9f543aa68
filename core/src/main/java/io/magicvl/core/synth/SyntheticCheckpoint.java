package io.magicvl.core.synth;

import io.magicvl.core.Json;
import io.magicvl.core.Toolchain;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.core.model.ExpectedTensor;
import io.magicvl.core.model.ModelLayout;
import io.magicvl.core.safetensors.CheckpointWriter;
import io.magicvl.core.safetensors.SafetensorsWriter;
import io.magicvl.core.tensor.DType;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a Hugging Face checkpoint folder with random weights but the real tensor names,
 * shapes, config.json, preprocessor_config.json and tokenizer files of a {@link SynthSpec}.
 *
 * <pre>{@code
 * SyntheticCheckpoint.Result result = SyntheticCheckpoint.write(
 *         SynthSpec.tiny("internvl2_5-2b"), dir.resolve("tiny"), SyntheticCheckpoint.Options.defaults());
 * }</pre>
 */
public final class SyntheticCheckpoint {
    /** File that marks a folder as synthetic and records how it was made. */
    public static final String MARKER_FILE = "magicvl_synthetic.json";

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticCheckpoint.class);

    private SyntheticCheckpoint() {}

    /**
     * Settings of a synthetic checkpoint.
     *
     * @param seed seed of the weights; the same seed gives byte-identical files
     * @param dtype weight dtype
     * @param maxShardBytes shard size limit in bytes (transformers' "2GB" by default)
     * @param force whether an existing output folder may be replaced
     */
    public record Options(long seed, DType dtype, long maxShardBytes, boolean force) {
        /** Returns seed 0, BF16, 2 GB shards, no replacing. */
        public static Options defaults() {
            return new Options(0, DType.BF16, CheckpointWriter.DEFAULT_MAX_SHARD_BYTES, false);
        }

        public Options withSeed(long value) {
            return new Options(value, dtype, maxShardBytes, force);
        }

        public Options withDtype(DType value) {
            return new Options(seed, value, maxShardBytes, force);
        }

        public Options withMaxShardBytes(long value) {
            return new Options(seed, dtype, value, force);
        }

        public Options withForce(boolean value) {
            return new Options(seed, dtype, maxShardBytes, value);
        }
    }

    /**
     * The written checkpoint.
     *
     * @param folder the checkpoint folder
     * @param weightFiles the weight file names (and the index when sharded)
     * @param parameters total stored parameters
     * @param tensorBytes total tensor bytes
     */
    public record Result(Path folder, List<String> weightFiles, long parameters, long tensorBytes) {}

    /**
     * Writes {@code spec} into {@code out}, through a temporary sibling folder that is renamed
     * into place when complete.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if {@code out} exists and force is off
     */
    public static Result write(SynthSpec spec, Path out, Options options) {
        if (!options.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Synthetic weights need a floating-point dtype, got " + options.dtype());
        }
        OutputPaths.checkWritable(out, options.force());
        ModelLayout layout = spec.layout();
        Path temporary = OutputPaths.temporarySibling(out);
        try {
            writeJson(temporary.resolve("config.json"), withDtype(spec, options.dtype()));
            writeJson(temporary.resolve("preprocessor_config.json"), spec.preprocessor());
            OutputPaths.writeAtomically(temporary.resolve("tokenizer.json"),
                    Json.MAPPER.writeValueAsBytes(SyntheticTokenizer.tokenizerJson(spec.tokenizer())));
            writeJson(temporary.resolve("tokenizer_config.json"), SyntheticTokenizer.tokenizerConfig(spec.tokenizer()));
            writeJson(temporary.resolve(MARKER_FILE), marker(spec, options));

            CheckpointWriter weights = new CheckpointWriter(options.maxShardBytes()).metadata("format", "pt");
            long parameters = 0;
            long bytes = 0;
            for (ExpectedTensor tensor : layout.required()) {
                TensorInfo info = new TensorInfo(tensor.name(), options.dtype(), tensor.shape());
                weights.add(info, SafetensorsWriter.generatedBody(info, new WeightGenerator(options.seed(), tensor)));
                parameters += info.elementCount();
                bytes += info.byteSize();
            }
            LOG.info("Writing synthetic {}{} ({} parameters, {} MB of {}) to {}", spec.architecture(),
                    spec.tiny() ? " (tiny)" : "", parameters, bytes / 1_000_000, options.dtype(), out);
            List<String> files = new ArrayList<>(weights.write(temporary));
            makeShareable(temporary);
            OutputPaths.moveIntoPlace(temporary, out, options.force());
            return new Result(out, files, parameters, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the synthetic checkpoint " + out, e);
        } finally {
            try {
                OutputPaths.deleteRecursively(temporary);
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary folder {}: {}", temporary, e.toString());
            }
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode withDtype(SynthSpec spec, DType dtype) {
        com.fasterxml.jackson.databind.node.ObjectNode config = spec.config().deepCopy();
        String torch = switch (dtype) {
            case F32 -> "float32";
            case F16 -> "float16";
            case F64 -> "float64";
            default -> "bfloat16";
        };
        config.put("torch_dtype", torch);
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("llm_config")).put("torch_dtype", torch);
        return config;
    }

    private static Map<String, Object> marker(SynthSpec spec, Options options) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("architecture", spec.architecture());
        marker.put("tiny", spec.tiny());
        marker.put("seed", options.seed());
        marker.put("dtype", options.dtype().safetensorsName());
        marker.put("toolchain", Toolchain.version());
        marker.put("note", "Random weights with the real tensor names and shapes; the tokenizer is a byte-level"
                + " stand-in with the real vocabulary size and special-token ids. Not a trained model.");
        return marker;
    }

    /** Gives the folder rwxr-xr-x and its files rw-r--r--, as a downloaded checkpoint has. */
    private static void makeShareable(Path folder) throws IOException {
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.nio.file.Files.setPosixFilePermissions(folder,
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.setPosixFilePermissions(file,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    private static void writeJson(Path file, Object value) throws IOException {
        OutputPaths.writeAtomically(file, Json.PRETTY.writeValueAsBytes(value));
    }
}
