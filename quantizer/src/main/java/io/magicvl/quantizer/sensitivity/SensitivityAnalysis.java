package io.magicvl.quantizer.sensitivity;

import ai.onnxruntime.OrtException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.quantizer.graph.GraphFiles;
import io.magicvl.quantizer.graph.GraphRewriter;
import io.magicvl.quantizer.graph.WeightChooser;
import io.magicvl.quantizer.math.Int8Range;
import io.magicvl.quantizer.onnx.GraphRunner;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.recipe.SchemeKind;
import io.magicvl.quantizer.recipe.WeightScheme;
import io.magicvl.quantizer.report.ErrorEvaluator;
import io.magicvl.quantizer.report.WeightReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how much each weight group alone hurts a component's output, and picks a mixed
 * assignment that meets an error budget.
 *
 * <p>Ranking: for each group, only that group gets its recipe scheme (the target) and every
 * other weight stays float. The component's output is compared with the float graph on the
 * calibration inputs: KL divergence of next-token distributions for the decoder, 1 - cosine
 * otherwise.
 *
 * <p>Budget: every group starts at its target. While the measured error of the whole
 * assignment exceeds the budget, the group with the largest error per saved byte moves to
 * the fallback and the assignment is measured again. Error per saved byte is the group's
 * error alone divided by the bytes its target saves over the fallback. The fallback of
 * int4-weight is int8-weight (7-bit, dynamic), and of every other scheme fp32. The groups
 * kept at the fallback become recipe overrides.
 */
public final class SensitivityAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(SensitivityAnalysis.class);

    private final QuantizePlan plan;
    private final Path workDir;

    /**
     * @param workDir a scratch folder for the trial graphs (created and emptied here)
     */
    public SensitivityAnalysis(QuantizePlan plan, Path workDir) {
        this.plan = plan;
        this.workDir = workDir;
    }

    /** Returns the fallback scheme of {@code target}. */
    public static WeightScheme fallback(WeightScheme target) {
        if (target.kind() == SchemeKind.INT4_WEIGHT) {
            return new WeightScheme(SchemeKind.INT8_WEIGHT, 8, 0, true, 0, Int8Range.REDUCED, true);
        }
        return WeightScheme.FLOAT32;
    }

    /**
     * Analyses graph {@code graphFile} of {@code component}.
     *
     * @param reference the float graph, already open
     * @param evaluator the component's error evaluator over its calibration inputs
     * @param budget the error budget, or null to only rank
     */
    public SensitivityReport analyse(String component, Path graphFile, ErrorEvaluator evaluator, Double budget,
            boolean perWeight, int threads) throws OrtException {
        List<WeightReport> all = trial(component, graphFile, plan::schemeFor, "all").weights();
        List<String> names = all.stream().map(WeightReport::name).distinct().toList();
        List<WeightGroup> groups = perWeight ? WeightGroup.byWeight(names) : WeightGroup.byLayer(names);
        Map<String, WeightReport> byName = new LinkedHashMap<>();
        all.forEach(w -> byName.put(w.name(), w));
        String metric = component.equals("decoder") ? "kl_divergence" : "1-cosine";

        List<SensitivityReport.Group> results = new ArrayList<>();
        Map<String, WeightGroup> groupByPattern = new LinkedHashMap<>();
        for (WeightGroup group : groups) {
            Set<String> members = new HashSet<>(group.weights());
            WeightChooser alone = (c, n, r) -> members.contains(n) ? plan.schemeFor(c, n, r) : WeightScheme.FLOAT32;
            double error = measure(component, graphFile, alone, evaluator, threads, "group");
            WeightScheme target = plan.schemeFor(component, group.weights().get(0), QuantizePlan.Role.LINEAR);
            long saved = savedBytes(group, byName, target);
            results.add(new SensitivityReport.Group(group.pattern(), group.weights().size(),
                    byName.get(group.weights().get(0)).scheme(), fallback(target).kind().id(), error, saved));
            groupByPattern.put(group.pattern(), group);
            LOG.info("{} {}: {} = {}", component, group.pattern(), metric, String.format("%.3g", error));
        }
        results.sort(Comparator.comparingDouble(SensitivityReport.Group::error).reversed());
        double fullError = measure(component, graphFile, plan::schemeFor, evaluator, threads, "full");
        if (budget == null) {
            return new SensitivityReport(component, metric, results, null, fullError, null, List.of(), null);
        }
        return chooseAssignment(component, graphFile, evaluator, threads, metric, results, groupByPattern, budget,
                fullError);
    }

    private SensitivityReport chooseAssignment(String component, Path graphFile, ErrorEvaluator evaluator, int threads,
            String metric, List<SensitivityReport.Group> results, Map<String, WeightGroup> groupByPattern,
            double budget, double fullError) throws OrtException {
        List<SensitivityReport.Group> candidates = new ArrayList<>(results);
        candidates.sort(Comparator.comparingDouble(
                (SensitivityReport.Group g) -> g.error() / Math.max(1, g.savedBytes())).reversed());
        List<String> kept = new ArrayList<>();
        Set<String> keptWeights = new HashSet<>();
        double error = fullError;
        for (SensitivityReport.Group candidate : candidates) {
            if (error <= budget) {
                break;
            }
            kept.add(candidate.pattern());
            keptWeights.addAll(groupByPattern.get(candidate.pattern()).weights());
            WeightChooser mixed = (c, n, r) -> {
                WeightScheme target = plan.schemeFor(c, n, r);
                return keptWeights.contains(n) ? fallback(target) : target;
            };
            error = measure(component, graphFile, mixed, evaluator, threads, "mixed");
            LOG.info("{}: keeping {} at {} gives {} = {}", component, candidate.pattern(), candidate.fallback(), metric,
                    String.format("%.3g", error));
        }
        return new SensitivityReport(component, metric, results, budget, fullError, error, kept, error <= budget);
    }

    private long savedBytes(WeightGroup group, Map<String, WeightReport> byName, WeightScheme target) {
        WeightScheme fallback = fallback(target);
        long saved = 0;
        for (String name : group.weights()) {
            WeightReport report = byName.get(name);
            double fallbackBytes = report.bytesBefore() * fallback.bitsPerWeight() / 32;
            saved += Math.max(0, Math.round(fallbackBytes - report.bytesAfter()));
        }
        return saved;
    }

    private double measure(String component, Path graphFile, WeightChooser chooser, ErrorEvaluator evaluator,
            int threads, String label) throws OrtException {
        Path trialDir = trialDir(label);
        try {
            GraphRewriter.Result result = GraphFiles.rewrite(graphFile, trialDir, component, chooser, Map.of());
            if (result.weights().isEmpty()) {
                return 0;
            }
            try (GraphRunner candidate = new GraphRunner(trialDir.resolve(graphFile.getFileName()), threads)) {
                return evaluator.evaluate(candidate, "").rankingError();
            }
        } finally {
            clean(trialDir);
        }
    }

    private GraphRewriter.Result trial(String component, Path graphFile, WeightChooser chooser, String label) {
        Path trialDir = trialDir(label);
        try {
            return GraphFiles.rewrite(graphFile, trialDir, component, chooser, Map.of());
        } finally {
            clean(trialDir);
        }
    }

    private Path trialDir(String label) {
        try {
            return Files.createDirectories(workDir.resolve("trial-" + label));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch folder in " + workDir, e);
        }
    }

    private static void clean(Path dir) {
        try {
            OutputPaths.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove scratch folder " + dir, e);
        }
    }

    /** Returns recipe overrides (YAML) that keep the chosen groups at their fallback schemes. */
    public static String overridesYaml(List<SensitivityReport> reports) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by magicvl quantize --sensitivity: groups kept at a higher precision to meet the error\n");
        yaml.append("# budget. Merge into the recipe's quantize section; the first matching pattern wins.\n");
        yaml.append("quantize:\n  overrides:\n");
        boolean any = false;
        for (SensitivityReport report : reports) {
            Map<String, String> fallbackByPattern = new LinkedHashMap<>();
            report.groups().forEach(g -> fallbackByPattern.put(g.pattern(), g.fallback()));
            for (String pattern : report.kept()) {
                yaml.append("    - {pattern: \"").append(pattern.replace("\"", "\\\"")).append("\", scheme: ")
                        .append(fallbackByPattern.get(pattern)).append("}   # ").append(report.component()).append('\n');
                any = true;
            }
        }
        if (!any) {
            yaml.setLength(yaml.length() - "  overrides:\n".length());
            yaml.append("  overrides: []\n");
        }
        return yaml.toString();
    }
}
