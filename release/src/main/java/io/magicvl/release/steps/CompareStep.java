package io.magicvl.release.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.release.pipeline.Gate;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import io.magicvl.validator.compare.CompareSettings;
import io.magicvl.validator.compare.ComparisonReports;
import io.magicvl.validator.compare.ComparisonResult;
import io.magicvl.validator.compare.GateResult;
import io.magicvl.validator.compare.GateRule;
import io.magicvl.validator.compare.RunComparison;
import io.magicvl.validator.run.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares candidate and baseline runs item by item ({@code magicvl compare}) and applies
 * the recipe's {@code compare} gates: each gate bounds the drop (baseline minus candidate)
 * of one metric. Reports for each benchmark set go to {@code <bench>/}.
 */
public final class CompareStep implements ReleaseStep {
    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String inputsHash(StepContext context) {
        return new InputsHash(name())
                .json("compare", context.recipe().section("compare"))
                .step(context.record("validate"))
                .sha256();
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        CompareSettings settings = settings(context);
        ValidateSection validate = ValidateStep.section(context);
        Path runs = context.dirOf("validate");
        List<Gate> gates = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (ValidateSection.Benchmark benchmark : validate.benchmarks()) {
            Path data = context.recipe().resolve(benchmark.data());
            ComparisonResult result = RunComparison.compare(
                    RunResult.load(runs.resolve("baseline").resolve(benchmark.bench()), data),
                    RunResult.load(runs.resolve("candidate").resolve(benchmark.bench()), data),
                    settings);
            Path out = context.stepDir().resolve(benchmark.bench());
            ComparisonReports.write(result, out, false);
            Map<String, Object> metrics = new LinkedHashMap<>();
            result.metrics().forEach((name, metric) -> metrics.put(name, Map.of(
                    "baseline", metric.baseline(), "candidate", metric.candidate(), "unit", metric.unit(),
                    "delta", metric.delta().delta(), "interval", List.of(metric.delta().lower(), metric.delta().upper()))));
            summary.put(benchmark.bench(), Map.of("items", result.items(), "metrics", metrics));
            for (GateResult gate : result.gates()) {
                if (gate.skipped() == null) {
                    gates.add(toGate(gate, name()));
                }
            }
        }
        StepFiles.writeIndex(context.stepDir().resolve("index.html"), "Comparison reports", validate.benchmarks().stream()
                .map(b -> b.bench() + "/" + ComparisonReports.HTML).toList());
        long failed = gates.stream().filter(g -> !g.passed()).count();
        String message = gates.isEmpty() ? "no gate in the recipe's compare section"
                : failed == 0 ? gates.size() + " accuracy gate(s) passed" : failed + " of " + gates.size() + " accuracy gate(s) failed";
        return StepResult.gated(message, gates, "index.html", summary);
    }

    /** Converts a validator gate into the release's form: the drop, its interval, at most max_drop. */
    static Gate toGate(GateResult result, String step) {
        CompareSettings.Gate gate = result.gate();
        boolean upper = gate.rule() == GateRule.UPPER_BOUND;
        String explanation = String.format(Locale.ROOT,
                "drop of %s (baseline minus candidate, paired per item); rule %s: %s must be at most max_drop %s",
                gate.key(), gate.rule().id(), upper ? "the upper end of the " + Math.round(result.drop().confidence() * 100)
                        + "% interval" : "the measured drop", Gate.formatNumber(gate.maxDrop()));
        return new Gate(gate.key(), step, result.drop().delta(), "<=", gate.maxDrop(),
                List.of(result.drop().lower(), result.drop().upper()), result.unit(), result.passed(), explanation);
    }

    private static CompareSettings settings(StepContext context) {
        JsonNode section = context.recipe().section("compare");
        if (section.isMissingNode() || section.isNull()) {
            return CompareSettings.defaults();
        }
        return CompareSettings.fromNode(section, "recipe " + context.recipe().path() + " compare");
    }
}
