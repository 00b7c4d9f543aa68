package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.core.inspect.CheckpointInspector;
import io.magicvl.core.inspect.InspectReport;
import io.magicvl.core.inspect.InspectText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl inspect}: what a checkpoint folder contains. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Describes a checkpoint folder: architecture, parameters per component, files.",
            "Prints the architecture and hyperparameters, parameters and bytes per component, dtypes, "
                    + "tokenizer and special tokens, preprocessing, and every file's size and SHA-256. The "
                    + "weights are checked against config.json first; a mismatch exits with code 2.",
        })
public final class InspectCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CHECKPOINT", description = "Checkpoint folder (config.json + model.safetensors or shards).")
    private Path checkpoint;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Option(names = "--no-sha256", description = "Skip hashing the files (faster on multi-GB checkpoints).")
    private boolean noHash;

    @Override
    public Integer call() throws Exception {
        InspectReport report = CheckpointInspector.inspect(checkpoint, !noHash);
        if (json) {
            spec.commandLine().getOut().println(Json.REPORT.writeValueAsString(report));
        } else {
            spec.commandLine().getOut().print(InspectText.render(report));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
