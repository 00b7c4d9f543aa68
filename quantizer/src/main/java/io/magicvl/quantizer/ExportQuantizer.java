package io.magicvl.quantizer;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.quantizer.calib.ActivationCollector;
import io.magicvl.quantizer.calib.CalibrationCache;
import io.magicvl.quantizer.calib.ComponentInputs;
import io.magicvl.quantizer.calib.RangeCalibrator;
import io.magicvl.quantizer.calib.TensorStatistics;
import io.magicvl.quantizer.graph.GraphFiles;
import io.magicvl.quantizer.graph.GraphRewriter;
import io.magicvl.quantizer.graph.WeightChooser;
import io.magicvl.quantizer.onnx.GraphRunner;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.SchemeKind;
import io.magicvl.quantizer.recipe.WeightScheme;
import io.magicvl.quantizer.report.ComponentError;
import io.magicvl.quantizer.report.ErrorEvaluator;
import io.magicvl.quantizer.report.QuantizeReport;
import io.magicvl.quantizer.report.WeightReport;
import io.magicvl.quantizer.sensitivity.SensitivityAnalysis;
import io.magicvl.quantizer.sensitivity.SensitivityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quantizes an export folder into a new one as a recipe's {@code quantize} section specifies, and
 * records what it did and the resulting error in the new folder's manifest.
 */
public final class ExportQuantizer {
    private static final Logger LOG = LoggerFactory.getLogger(ExportQuantizer.class);
    /** Graph components in pipeline order; decoder needs embed's float output as its input. */
    static final List<String> GRAPHS = List.of("vision", "embed", "decoder");

    private final QuantizePlan plan;
    private final int threads;
    private final boolean measureError;

    /**
     * @param plan the validated recipe section
     * @param threads ONNX Runtime intra-op threads for calibration and error measurement
     */
    public ExportQuantizer(QuantizePlan plan, int threads) {
        this(plan, threads, true);
    }

    /**
     * @param measureError whether to run the float and quantized graphs to measure each
     *     component's output error; without it memory stays bounded by the weight slices, but
     *     the manifest's {@code error} entries are null
     */
    public ExportQuantizer(QuantizePlan plan, int threads, boolean measureError) {
        this.plan = plan;
        this.threads = threads;
        this.measureError = measureError;
    }

    /** The recipe file and its SHA-256, recorded in the manifest; null when no recipe was given. */
    public record RecipeInfo(String name, String sha256) {}

    /**
     * Quantizes {@code exportDir} into {@code outDir}, replacing an existing {@code outDir} only
     * with {@code force}.
     */
    public QuantizeReport quantize(Path exportDir, Path outDir, boolean force, RecipeInfo recipe) {
        OutputPaths.checkWritable(outDir, force);
        OutputPaths.checkSeparate(outDir, exportDir);
        ObjectNode manifest = ExportFolder.readManifest(exportDir);
        Path temporary = OutputPaths.temporarySibling(outDir);
        try {
            QuantizeReport report = quantizeInto(exportDir, manifest, temporary, recipe);
            OutputPaths.moveIntoPlace(temporary, outDir, force);
            return new QuantizeReport(outDir.toString(), report.components(), report.weights());
        } catch (OrtException e) {
            deleteQuietly(temporary);
            throw new IllegalStateException("ONNX Runtime failed while quantizing " + exportDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private QuantizeReport quantizeInto(Path exportDir, ObjectNode manifest, Path out, RecipeInfo recipe)
            throws OrtException {
        ExportFolder.copyOtherFiles(exportDir, out);
        ComponentInputs inputs = measureError || plan.uses(SchemeKind.INT8_STATIC)
                ? ComponentInputs.build(exportDir, manifest, plan.section().calibration, threads)
                : ComponentInputs.none();
        Map<String, QuantizeReport.Component> components = new LinkedHashMap<>();
        List<WeightReport> weights = new ArrayList<>();
        ObjectNode manifestComponents = (ObjectNode) manifest.path("components");
        for (String component : GRAPHS) {
            if (!manifestComponents.has(component)) {
                continue;
            }
            ObjectNode entry = (ObjectNode) manifestComponents.get(component);
            String file = entry.path("file").asText(component + ".onnx");
            Path input = exportDir.resolve(file);
            LOG.info("Quantizing {} ({})", component, file);
            Map<String, RangeCalibrator.Range> ranges = calibrate(exportDir, manifest, component, input, inputs,
                    plan::schemeFor);
            GraphRewriter.Result result = GraphFiles.rewrite(input, out, component, plan::schemeFor, ranges);
            weights.addAll(result.weights());
            ComponentError error = null;
            if (measureError && !result.weights().isEmpty() && !inputs.feeds(component).isEmpty()) {
                error = measure(input, out.resolve(file), component, manifest, inputs);
            }
            long before = ExportFolder.graphBytes(input);
            long after = ExportFolder.graphBytes(out.resolve(file));
            String scheme = componentScheme(component);
            components.put(component, new QuantizeReport.Component(file, scheme, before, after, error));
            ExportFolder.recordComponent(entry, component, scheme, result.weights(), error, plan, ranges.isEmpty()
                    ? null : plan.calibration(), inputs.source(component));
        }
        ExportFolder.writeManifest(manifest, out, recipe);
        return new QuantizeReport(out.toString(), components, weights);
    }

    /** Returns the component's own scheme from the recipe, for example {@code int4-weight}. */
    private String componentScheme(String component) {
        Map<String, ?> configured = plan.section().components;
        return configured.containsKey(component)
                ? WeightScheme.resolve(plan.section().components.get(component), "quantize.components." + component)
                        .kind().id()
                : SchemeKind.FP32.id();
    }

    /**
     * Returns calibrated activation ranges for the int8-static weights of {@code component}, from
     * the cache when the same graph and inputs were calibrated before.
     */
    Map<String, RangeCalibrator.Range> calibrate(Path exportDir, JsonNode manifest, String component, Path graphFile,
            ComponentInputs inputs, WeightChooser chooser) throws OrtException {
        ModelProto model = GraphFiles.read(graphFile);
        Set<String> needed = GraphRewriter.staticActivations(model, component, chooser);
        if (needed.isEmpty()) {
            return Map.of();
        }
        if (inputs.feeds(component).isEmpty()) {
            throw MagicvlException.invalidInput("int8-static for " + component + " needs calibration inputs, and "
                    + exportDir + " provides none for it; list images or prompts under quantize.calibration.");
        }
        Set<String> all = GraphRewriter.staticActivations(model, component,
                (c, n, r) -> new WeightScheme(SchemeKind.INT8_STATIC, 8, 0, true, 0, plan.calibrationRange(), false));
        String cacheFolder = plan.section().calibration.cacheDir;
        CalibrationCache cache = new CalibrationCache(cacheFolder == null ? CalibrationCache.defaultFolder() : Path.of(cacheFolder));
        String key = CalibrationCache.key(ExportFolder.graphKey(exportDir, manifest, graphFile), inputs.hash(component),
                plan.calibration().bins());
        Map<String, TensorStatistics> statistics = cache.load(key);
        if (statistics == null || !statistics.keySet().containsAll(needed)) {
            LOG.info("Calibrating {} activations of {} on {} inputs", all.size(), component, inputs.feeds(component).size());
            statistics = ActivationCollector.collect(model, graphFile.toAbsolutePath().getParent(), all,
                    inputs.feeds(component), plan.calibration().bins(), threads);
            cache.store(key, statistics);
        }
        Map<String, RangeCalibrator.Range> ranges = new TreeMap<>();
        for (String name : needed) {
            ranges.put(name, RangeCalibrator.range(statistics.get(name), plan.calibration()));
        }
        return ranges;
    }

    /**
     * Ranks the weight groups of every component the recipe quantizes by the output error each
     * causes alone, and with {@code budget} picks the groups to keep at a higher precision.
     * Writes {@code sensitivity.json} and {@code overrides.yaml} into {@code outDir}.
     */
    public List<SensitivityReport> sensitivity(Path exportDir, Path outDir, Double budget, boolean perWeight,
            boolean force) {
        OutputPaths.checkWritable(outDir, force);
        OutputPaths.checkSeparate(outDir, exportDir);
        ObjectNode manifest = ExportFolder.readManifest(exportDir);
        Path temporary = OutputPaths.temporarySibling(outDir);
        try {
            ComponentInputs inputs = ComponentInputs.build(exportDir, manifest, plan.section().calibration, threads);
            List<SensitivityReport> reports = new ArrayList<>();
            SensitivityAnalysis analysis = new SensitivityAnalysis(plan, temporary.resolve("scratch"));
            for (String component : GRAPHS) {
                if (!manifest.path("components").has(component) || inputs.feeds(component).isEmpty()) {
                    continue;
                }
                Path graph = exportDir.resolve(manifest.path("components").path(component).path("file")
                        .asText(component + ".onnx"));
                if (GraphRewriter.staticActivations(GraphFiles.read(graph), component, plan::schemeFor).size() > 0) {
                    LOG.warn("Sensitivity of {} measures int8-static weights without activation quantization", component);
                }
                try (GraphRunner reference = new GraphRunner(graph, threads)) {
                    ErrorEvaluator evaluator = evaluator(reference, component, manifest, inputs);
                    SensitivityReport report = analysis.analyse(component, graph, evaluator, budget, perWeight, threads);
                    if (!report.groups().isEmpty()) {
                        reports.add(report);
                    }
                }
            }
            OutputPaths.deleteRecursively(temporary.resolve("scratch"));
            Files.write(temporary.resolve("sensitivity.json"), Json.PRETTY.writeValueAsBytes(reports));
            Files.writeString(temporary.resolve("overrides.yaml"), SensitivityAnalysis.overridesYaml(reports));
            OutputPaths.moveIntoPlace(temporary, outDir, force);
            return reports;
        } catch (OrtException e) {
            deleteQuietly(temporary);
            throw new IllegalStateException("ONNX Runtime failed during sensitivity analysis of " + exportDir + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("Cannot write the sensitivity report to " + outDir, e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private ComponentError measure(Path floatGraph, Path quantizedGraph, String component, JsonNode manifest,
            ComponentInputs inputs) throws OrtException {
        try (GraphRunner reference = new GraphRunner(floatGraph, threads);
                GraphRunner candidate = new GraphRunner(quantizedGraph, threads)) {
            ErrorEvaluator evaluator = evaluator(reference, component, manifest, inputs);
            return evaluator.evaluate(candidate, inputs.source(component));
        }
    }

    /** Returns an evaluator of {@code component}'s main output over its calibration inputs. */
    static ErrorEvaluator evaluator(GraphRunner reference, String component, JsonNode manifest, ComponentInputs inputs)
            throws OrtException {
        String output = switch (component) {
            case "vision" -> "image_features";
            case "embed" -> "inputs_embeds";
            default -> "logits";
        };
        if (!reference.outputNames().contains(output)) {
            output = reference.outputNames().get(0);
        }
        int vocabulary = component.equals("decoder") ? manifest.path("decoder").path("vocab_size").asInt(0) : 0;
        return new ErrorEvaluator(reference, output, inputs.feeds(component), vocabulary);
    }

    private static void deleteQuietly(Path path) {
        try {
            OutputPaths.deleteRecursively(path);
        } catch (IOException e) {
            LOG.warn("Cannot remove the temporary folder {}: {}", path, e.getMessage());
        }
    }

}
