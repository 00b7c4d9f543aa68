package io.magicvl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.runtime.PhaseTimings;
import io.magicvl.runtime.RuntimeBenchmark;
import io.magicvl.runtime.RuntimeOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl bench runtime}: load time, vision, prefill and decode speed, peak memory of an export. */
@Command(
        name = "runtime",
        mixinStandardHelpOptions = true,
        description = {
            "Measures an export folder on this machine: model load time, vision latency per tile, prefill and",
            "decode tokens/s, peak RSS, and the share of time spent outside ONNX Runtime calls.",
            "Decoding ignores end tokens so that every run decodes --new-tokens tokens."
        })
public final class BenchRuntimeCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPORT_DIR", description = "Export folder written by magicvl convert or quantize.")
    private Path exportDir;

    @Option(names = "--image", paramLabel = "FILE",
            description = "Image file (default: a generated " + RuntimeBenchmark.DEFAULT_IMAGE_SIDE + " x "
                    + RuntimeBenchmark.DEFAULT_IMAGE_SIDE + " px test pattern).")
    private Path image;

    @Option(names = "--question", paramLabel = "TEXT", defaultValue = "Describe the image.",
            description = "Question of every run (default: ${DEFAULT-VALUE}).")
    private String question;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "3",
            description = "Unmeasured runs before the measured ones (default: ${DEFAULT-VALUE}).")
    private int warmups;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "32",
            description = "Tokens generated per run (default: ${DEFAULT-VALUE}).")
    private int newTokens;

    @Mixin
    private SessionOptionsMixin sessionOptions;

    @Option(names = "--json", description = "Print one JSON object with every figure and the per-run timings.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        RuntimeOptions options = sessionOptions.toOptions();
        RuntimeBenchmark.Settings settings = new RuntimeBenchmark.Settings(image, question, runs, warmups, newTokens);
        RuntimeBenchmark.Result result = RuntimeBenchmark.run(exportDir, options, settings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(toJson(result, options)));
        } else {
            print(out, result, options);
        }
        out.flush();
        return 0;
    }

    private static ObjectNode toJson(RuntimeBenchmark.Result r, RuntimeOptions options) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", r.model());
        root.put("precision", r.precision());
        root.put("provider", options.executionProvider());
        root.put("intra_op_threads", options.intraOpThreads());
        root.put("load_ms", r.loadMillis());
        root.put("tiles", r.tiles());
        root.put("visual_tokens", r.visualTokens());
        root.put("prompt_tokens", r.promptTokens());
        root.put("decode_steps", r.decodeSteps());
        root.put("vision_ms_per_tile", r.visionMillisPerTile());
        root.put("prefill_tokens_per_s", r.prefillTokensPerSecond());
        root.put("decode_tokens_per_s", r.decodeTokensPerSecond());
        root.put("median_total_ms", r.medianTotalMillis());
        root.put("peak_rss_bytes", r.peakRssBytes());
        root.put("outside_ort_share", r.outsideOrtShare());
        root.put("decode_outside_ort_share", r.decodeOutsideOrtShare());
        ArrayNode runs = root.putArray("runs");
        for (PhaseTimings t : r.runs()) {
            ObjectNode run = runs.addObject();
            run.put("preprocess_ms", t.preprocessNanos() / 1e6);
            run.put("vision_ms", t.visionNanos() / 1e6);
            run.put("embed_ms", t.embedNanos() / 1e6);
            run.put("prefill_ms", t.prefillNanos() / 1e6);
            run.put("decode_ms", t.decodeNanos() / 1e6);
            run.put("total_ms", t.totalNanos() / 1e6);
            run.put("outside_ort_ms", t.outsideOrtNanos() / 1e6);
            run.put("decode_outside_ort_ms", t.decodeOutsideOrtNanos() / 1e6);
        }
        return root;
    }

    private static void print(PrintWriter out, RuntimeBenchmark.Result r, RuntimeOptions options) {
        out.printf(Locale.ROOT, "model %s (%s), provider %s, intra-op threads %s, %d measured runs%n",
                r.model(), r.precision(), options.executionProvider(),
                options.intraOpThreads() == 0 ? "auto" : String.valueOf(options.intraOpThreads()), r.runs().size());
        out.printf(Locale.ROOT, "image: %d tiles, %d visual tokens; prompt %d tokens; %d decode steps per run%n",
                r.tiles(), r.visualTokens(), r.promptTokens(), r.decodeSteps());
        out.printf(Locale.ROOT, "model load          %10.1f ms%n", r.loadMillis());
        out.printf(Locale.ROOT, "vision per tile     %10.2f ms (median)%n", r.visionMillisPerTile());
        out.printf(Locale.ROOT, "prefill             %10.1f tokens/s (median)%n", r.prefillTokensPerSecond());
        out.printf(Locale.ROOT, "decode              %10.1f tokens/s (median)%n", r.decodeTokensPerSecond());
        out.printf(Locale.ROOT, "answer total        %10.1f ms (median)%n", r.medianTotalMillis());
        out.printf(Locale.ROOT, "peak RSS            %10.1f MiB (VmHWM)%n", r.peakRssBytes() / 1048576.0);
        out.printf(Locale.ROOT, "outside ORT         %10.1f %% of the time after preprocessing (median)%n",
                100 * r.outsideOrtShare());
        out.printf(Locale.ROOT, "outside ORT, decode %10.1f %% of the decode loop (median)%n",
                100 * r.decodeOutsideOrtShare());
    }
}
