package io.magicvl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.converter.ConvertOptions;
import io.magicvl.converter.Converter;
import io.magicvl.converter.ParityMode;
import io.magicvl.converter.parity.ParityRow;
import io.magicvl.converter.parity.ParityTable;
import io.magicvl.core.ExitCodes;
import io.magicvl.core.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl convert}: exports a checkpoint to ONNX and checks parity against the Java reference. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Exports a checkpoint to an ONNX export folder and checks parity.",
            "The folder holds vision.onnx, embed.onnx, decoder.onnx (+ .data), tokenizer files,"
                    + " preprocess.json, genai_config.json and manifest.json.",
            "Every graph is then run in ONNX Runtime and compared with the plain-Java reference.",
            "Exit code 1 when parity fails; the folder is then kept as OUT.parity-failed for inspection."
        })
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "Hugging Face checkpoint folder (config.json + *.safetensors).")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder to write.")
    Path out;

    @Option(names = "--precision", paramLabel = "fp32|fp16",
            description = "Storage precision of weight matrices; compute and I/O stay float32 (default: the recipe's, else fp32).")
    String precision;

    @Option(names = "--recipe", paramLabel = "FILE", description = "Recipe whose convert section sets defaults and parity thresholds.")
    Path recipe;

    @Option(names = "--parity", paramLabel = "full|quick|off",
            description = "full: every graph at full depth; quick (default): full depth up to 100M decoder-layer"
                    + " parameters, else the first quick_layers layers and 4096 vocabulary rows; off: no check.")
    String parity;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        ParityMode mode = parity == null ? null : ParityMode.parse(parity);
        Converter.Result result = Converter.convert(new ConvertOptions(checkpoint, out, precision, recipe, mode, force));
        if (json) {
            printer.println(Json.PRETTY.writeValueAsString(toJson(result)));
        } else {
            printer.printf(Locale.ROOT, "Wrote %s (%s, %d files) in %.1f s%n", result.folder(), result.precision(),
                    result.manifest().files().size(), result.seconds());
            if (result.parity().isEmpty()) {
                printer.println("Parity: off");
            } else {
                printer.println("Parity (" + result.mode().name().toLowerCase(Locale.ROOT)
                        + ") against the Java reference:");
                printer.println(ParityTable.format(result.parity(), result.precision(), result.thresholds()));
            }
            if (!result.passed()) {
                printer.println("Parity FAILED; the export folder was kept for inspection at " + result.folder());
            }
        }
        printer.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static ObjectNode toJson(Converter.Result result) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("folder", result.folder().toString());
        node.put("passed", result.passed());
        node.put("precision", result.precision());
        node.put("parity_mode", result.mode().name().toLowerCase(Locale.ROOT));
        node.put("seconds", result.seconds());
        ObjectNode thresholds = node.putObject("thresholds");
        thresholds.put("max_abs", result.thresholds().maxAbs());
        thresholds.put("min_cosine", result.thresholds().minCosine());
        thresholds.put("argmax", result.thresholds().argmax());
        ArrayNode rows = node.putArray("parity");
        for (ParityRow row : result.parity()) {
            ObjectNode r = rows.addObject();
            r.put("component", row.component());
            r.put("check", row.check());
            r.put("max_abs", row.maxAbs());
            r.put("max_rel", row.maxRel());
            r.put("cosine", row.cosine());
            if (row.argmaxRows() > 0) {
                r.put("argmax_agree", row.argmaxAgree());
                r.put("argmax_rows", row.argmaxRows());
            }
            r.put("passed", row.passed());
        }
        node.set("files", Json.MAPPER.valueToTree(result.manifest().files()));
        return node;
    }
}
