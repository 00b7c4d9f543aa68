package io.magicvl.cli;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.synth.SynthSpec;
import io.magicvl.core.synth.SyntheticCheckpoint;
import io.magicvl.core.tensor.DType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code magicvl synth}: a checkpoint with random weights and the real names, shapes and files. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a checkpoint with random weights and the real names and shapes.",
            "The folder has the real tensor names, shapes and dtypes, config.json, "
                    + "preprocessor_config.json, tokenizer files (a byte-level stand-in with the real vocabulary "
                    + "size and special-token ids) and Hugging Face sharding (2 GB shards plus an index). For "
                    + "performance work and dry runs before real checkpoints exist; it is not a trained model.",
        })
public final class SynthCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", required = true, paramLabel = "ARCH",
            description = "magicvl-2b, magicvl-2b-qwen25, internvl2_5-2b or magicvl-nano.")
    private String architecture;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output checkpoint folder.")
    private Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--dtype", defaultValue = "bf16", description = "Weight dtype: bf16, f16 or f32 (default: ${DEFAULT-VALUE}).")
    private String dtype;

    @Option(names = "--tiny", description = "Keep the tensor names and structure but shrink every dimension.")
    private boolean tiny;

    @Option(names = "--max-shard-size", paramLabel = "BYTES", defaultValue = "2000000000",
            description = "Largest shard in bytes before the weights are split (default: ${DEFAULT-VALUE}).")
    private long maxShardBytes;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    private boolean force;

    @Override
    public Integer call() {
        DType type;
        try {
            type = DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw MagicvlException.invalidInput("Invalid --dtype '" + dtype + "'. Use bf16, f16 or f32.");
        }
        if (type != DType.BF16 && type != DType.F16 && type != DType.F32) {
            throw MagicvlException.invalidInput("Invalid --dtype '" + dtype + "'. Use bf16, f16 or f32.");
        }
        if (maxShardBytes <= 0) {
            throw MagicvlException.invalidInput("Invalid --max-shard-size " + maxShardBytes + ": give a positive byte count.");
        }
        SynthSpec synth = tiny ? SynthSpec.tiny(architecture) : SynthSpec.full(architecture);
        SyntheticCheckpoint.Options options = new SyntheticCheckpoint.Options(seed, type, maxShardBytes, force);
        long start = System.nanoTime();
        SyntheticCheckpoint.Result result = SyntheticCheckpoint.write(synth, out, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf("Wrote %s: %,d parameters, %,d tensor bytes in %s, %.1f s%n", result.folder(),
                result.parameters(), result.tensorBytes(), String.join(", ", result.weightFiles()), seconds);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
