package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.validator.compare.CompareSettings;
import io.magicvl.validator.compare.ComparisonJson;
import io.magicvl.validator.compare.ComparisonReports;
import io.magicvl.validator.compare.ComparisonResult;
import io.magicvl.validator.compare.GateResult;
import io.magicvl.validator.compare.RunComparison;
import io.magicvl.validator.run.RunResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code magicvl compare}: paired comparison of two validation runs, with gates. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares a candidate validation run with a baseline run and applies the gates.",
            "Item by item: the delta of every metric with a seeded bootstrap interval, McNemar's test,"
                    + " per-category deltas and the flipped items.",
            "Gates come from a recipe's compare section or a standalone gates file; exit code 1 when one fails."
        })
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE_RUN", description = "Run folder of the baseline.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE_RUN", description = "Run folder of the candidate.")
    Path candidate;

    @Option(names = "--gates", paramLabel = "FILE",
            description = "Recipe (its compare section) or gates YAML; without it no gate applies.")
    Path gates;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for compare.json, junit.xml and report.html.")
    Path out;

    @Option(names = "--data", paramLabel = "FILE", description = "The benchmark file, when it is not at the path "
            + "recorded in the runs (its SHA-256 must match).")
    Path data;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the comparison as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            io.magicvl.core.io.OutputPaths.checkSeparate(out, baseline, candidate);
        }
        CompareSettings settings = gates == null ? CompareSettings.defaults() : CompareSettings.read(gates);
        ComparisonResult result = RunComparison.compare(RunResult.load(baseline, data), RunResult.load(candidate, data),
                settings);
        if (out != null) {
            ComparisonReports.write(result, out, force);
        }
        if (json) {
            System.out.println(Json.PRETTY.writeValueAsString(ComparisonJson.toJson(result)));
        } else {
            print(result);
        }
        return result.passed() ? 0 : 1;
    }

    private void print(ComparisonResult result) {
        System.out.println(result.bench() + ", " + result.mode() + " scoring, " + result.items() + " paired items");
        for (Map.Entry<String, ComparisonResult.MetricDelta> entry : result.metrics().entrySet()) {
            ComparisonResult.MetricDelta m = entry.getValue();
            System.out.println(String.format(Locale.ROOT, "  %-50s %10.4f -> %10.4f  delta %+.4f [%+.4f, %+.4f] %s",
                    entry.getKey(), m.baseline(), m.candidate(), m.delta().delta(), m.delta().lower(), m.delta().upper(),
                    m.unit()));
        }
        System.out.println(String.format(Locale.ROOT, "  McNemar: %d broken, %d fixed, %s p = %.4g",
                result.mcnemar().broken(), result.mcnemar().fixed(), result.mcnemar().method(), result.mcnemar().pValue()));
        for (GateResult gate : result.gates()) {
            System.out.println("  gate " + gate.message());
        }
        if (out != null) {
            System.out.println("Reports: " + out.resolve(ComparisonReports.HTML) + ", " + out.resolve(ComparisonReports.JUNIT)
                    + ", " + out.resolve(ComparisonReports.JSON));
        }
    }
}
