package io.magicvl.core.inspect;

import io.magicvl.core.model.DecoderConfig;
import io.magicvl.core.model.VisionConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Renders an {@link InspectReport} as text for a terminal. */
public final class InspectText {
    private InspectText() {}

    /** Returns the report as aligned text. */
    public static String render(InspectReport report) {
        StringBuilder text = new StringBuilder();
        VisionConfig v = report.vision();
        DecoderConfig d = report.decoder();
        text.append("Checkpoint   ").append(report.folder()).append(report.synthetic() ? "  (synthetic weights)" : "")
                .append('\n');
        text.append("Architecture ").append(report.architecture()).append(" (model_type ").append(report.modelType())
                .append(")\n");
        text.append(String.format(Locale.ROOT, "Vision       %s: hidden %d, %d layers, %d heads, MLP %d, patch %d,"
                        + " tile %d (%d patches), %s, eps %s%n", v.kind().name().toLowerCase(Locale.ROOT), v.hiddenSize(),
                v.numLayers(), v.numHeads(), v.intermediateSize(), v.patchSize(), v.imageSize(), v.numPatches(),
                v.hiddenAct(), v.layerNormEps()));
        text.append(String.format(Locale.ROOT, "Projector    %dx%d merge -> %d tokens per tile; mlp1 %d -> %d%n",
                report.projector().mergeFactor(), report.projector().mergeFactor(), report.projector().tokensPerTile(),
                report.projector().inputSize(), report.projector().outputSize()));
        text.append(String.format(Locale.ROOT, "Decoder      %s: hidden %d, %d layers, %d/%d heads, head_dim %d,"
                        + " MLP %d, vocab %d, rope_theta %.0f, rms eps %s, qkv bias %s, qk-norm %s, tied %s%n",
                d.kind().modelType(), d.hiddenSize(), d.numLayers(), d.numHeads(), d.numKvHeads(), d.headDim(),
                d.intermediateSize(), d.vocabSize(), d.ropeTheta(), d.rmsNormEps(), yesNo(d.qkvBias()),
                yesNo(d.qkNorm()), yesNo(d.tieWordEmbeddings())));
        text.append(String.format(Locale.ROOT, "Tiling       %s, tile %d px, %d px per token, %d-%d tiles%s%n",
                report.tiling().mode(), report.tiling().tileSize(), report.tiling().tokenPixels(),
                report.tiling().minTiles(), report.tiling().maxTiles(), report.tiling().useThumbnail() ? " + thumbnail" : ""));
        text.append('\n');

        text.append(String.format(Locale.ROOT, "%-11s %8s %16s %12s  %s%n", "component", "tensors", "parameters",
                "MB", "dtypes"));
        for (InspectReport.ComponentSummary component : report.components()) {
            text.append(String.format(Locale.ROOT, "%-11s %8d %,16d %12.1f  %s%n", component.component().id(),
                    component.tensors(), component.parameters(), component.bytes() / 1e6, component.dtypes()));
        }
        if (report.lmHeadTied()) {
            text.append(String.format(Locale.ROOT, "%-11s %8s %16s %12s  %s%n", "lm_head", "-", "tied", "-",
                    "reuses the embedding table"));
        }
        text.append(String.format(Locale.ROOT, "%-11s %8s %,16d %12.1f%n%n", "total", "", report.totalParameters(),
                report.totalBytes() / 1e6));

        InspectReport.TokenizerSummary tokenizer = report.tokenizer();
        text.append(String.format(Locale.ROOT, "Tokenizer    %s, %d ids, bos %s, eos %s, pad %s, <IMG_CONTEXT> %d%n",
                tokenizer.tokenizerClass().isEmpty() ? "(no tokenizer_config.json)" : tokenizer.tokenizerClass(),
                tokenizer.size(), orNone(tokenizer.bosToken()), orNone(tokenizer.eosToken()),
                orNone(tokenizer.padToken()), tokenizer.imgContextId()));
        StringBuilder specials = new StringBuilder();
        for (Map.Entry<Integer, String> entry : tokenizer.specialTokens().entrySet()) {
            specials.append(specials.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ').append(entry.getValue());
        }
        text.append("Special      ").append(specials).append('\n');
        InspectReport.PreprocessingSummary pre = report.preprocessing();
        text.append(String.format(Locale.ROOT, "Preprocess   tile %d, patch %d, %d px per token, max %d tiles,"
                        + " mean %s, std %s, resample %d%s%n%n", pre.tileSize(), pre.patchSize(), pre.tokenPixels(),
                pre.maxTiles(), Arrays.toString(pre.mean()), Arrays.toString(pre.std()), pre.resample(),
                pre.fromFile() ? "" : " (no preprocessor_config.json: defaults)"));

        text.append(String.format(Locale.ROOT, "%-40s %15s  %s%n", "file", "bytes", "sha256"));
        for (InspectReport.FileSummary file : report.files()) {
            text.append(String.format(Locale.ROOT, "%-40s %,15d  %s%n", file.name(), file.bytes(),
                    file.sha256() == null ? "(not hashed)" : file.sha256()));
        }
        return text.toString();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
