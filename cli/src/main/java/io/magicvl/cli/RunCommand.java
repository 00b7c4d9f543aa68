package io.magicvl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.runtime.Answer;
import io.magicvl.runtime.AnswerTrace;
import io.magicvl.runtime.OnnxVisionLanguageModel;
import io.magicvl.runtime.PhaseTimings;
import io.magicvl.runtime.RuntimeOptions;
import io.magicvl.runtime.TraceDump;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl run}: answers one question about one image with an export folder. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Answers a question about an image with an export folder.",
            "Decoding is greedy; the answer and the time of each phase are printed."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPORT_DIR", description = "Export folder written by magicvl convert or quantize.")
    private Path exportDir;

    @Option(names = "--image", paramLabel = "FILE", description = "Image file (PNG or JPEG). Omit for a text-only question.")
    private Path image;

    @Option(names = "--question", required = true, paramLabel = "TEXT", description = "The question.")
    private String question;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "" + RuntimeOptions.DEFAULT_MAX_NEW_TOKENS,
            description = "Maximum number of tokens to generate (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Mixin
    private SessionOptionsMixin sessionOptions;

    @Option(names = "--json", description = "Print one JSON object with answer, token_ids and timings.")
    private boolean json;

    @Option(names = "--dump", paramLabel = "DIR",
            description = "Write the tiles, patch mask, visual tokens and first logits as safetensors into DIR.")
    private Path dumpDir;

    @Option(names = "--force", description = "Replace an existing --dump folder.")
    private boolean force;

    @Override
    public Integer call() {
        RuntimeOptions options = sessionOptions.toOptions().withMaxNewTokens(maxNewTokens);
        if (dumpDir != null) {
            TraceDump.checkWritable(dumpDir, force);
            io.magicvl.core.io.OutputPaths.checkSeparate(dumpDir, exportDir, image);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (OnnxVisionLanguageModel model = OnnxVisionLanguageModel.open(exportDir, options)) {
            AnswerTrace trace = dumpDir == null ? null : new AnswerTrace(false);
            Answer answer = model.answer(image, question, maxNewTokens, trace);
            if (trace != null) {
                TraceDump.write(trace, answer, dumpDir, force);
            }
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(toJson(answer, model.loadNanos())));
            } else {
                print(out, answer, model.loadNanos());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot format the answer as JSON", e);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(Answer answer, long loadNanos) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("answer", answer.text());
        ArrayNode ids = root.putArray("token_ids");
        answer.tokenIds().forEach(ids::add);
        root.put("prompt_tokens", answer.promptIds().size());
        root.put("visual_tokens", answer.visualTokens());
        root.put("tiles", answer.tiles());
        ObjectNode timings = root.putObject("timings");
        PhaseTimings t = answer.timings();
        timings.put("load_ms", millis(loadNanos));
        timings.put("preprocess_ms", millis(t.preprocessNanos()));
        timings.put("vision_ms", millis(t.visionNanos()));
        timings.put("embed_ms", millis(t.embedNanos()));
        timings.put("prefill_ms", millis(t.prefillNanos()));
        ArrayNode steps = timings.putArray("decode_steps_ms");
        t.decodeStepsNanos().forEach(step -> steps.add(millis(step)));
        timings.put("decode_ms", millis(t.decodeNanos()));
        timings.put("total_ms", millis(t.totalNanos()));
        timings.put("outside_ort_ms", millis(t.outsideOrtNanos()));
        timings.put("decode_outside_ort_ms", millis(t.decodeOutsideOrtNanos()));
        return root;
    }

    private static void print(PrintWriter out, Answer answer, long loadNanos) {
        PhaseTimings t = answer.timings();
        out.println(answer.text());
        out.println();
        out.printf(Locale.ROOT, "tokens: %d generated, %d in the prompt (%d visual from %d tiles)%n",
                answer.tokenIds().size(), answer.promptIds().size(), answer.visualTokens(), answer.tiles());
        out.printf(Locale.ROOT, "time (ms): load %.1f, preprocess %.1f, vision %.1f, embed %.1f, prefill %.1f,"
                        + " decode %.1f (%d steps), total %.1f (load excluded)%n",
                millis(loadNanos), millis(t.preprocessNanos()), millis(t.visionNanos()), millis(t.embedNanos()),
                millis(t.prefillNanos()), millis(t.decodeNanos()), t.decodeStepsNanos().size(), millis(t.totalNanos()));
        out.printf(Locale.ROOT, "outside ONNX Runtime (ms): %.2f after preprocessing, %.2f in the decode loop%n",
                millis(t.outsideOrtNanos()), millis(t.decodeOutsideOrtNanos()));
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
