package io.magicvl.release.pipeline;

import io.magicvl.core.Json;
import io.magicvl.core.Toolchain;
import io.magicvl.core.io.OutputPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the release summary in three forms beside the step folders: {@code report.json}
 * for tools, {@code report.xml} (JUnit) for CI, and {@code report.html} for people. Each
 * links every step's record and own report by a path relative to the output folder.
 */
public final class ReleaseReport {
    /** File names of the summary report inside the release output folder. */
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String JUNIT = "report.xml";

    private ReleaseReport() {}

    /** Writes all three reports into the result's output folder. */
    public static void write(ReleaseResult result) {
        Path out = result.outDir();
        try {
            Map<String, Object> json = toJson(result);
            OutputPaths.writeAtomically(out.resolve(JSON), Json.PRETTY.writeValueAsBytes(json));
            OutputPaths.writeAtomically(out.resolve(HTML), HtmlReport.render(result, json).getBytes(StandardCharsets.UTF_8));
            OutputPaths.writeAtomically(out.resolve(JUNIT), JunitReport.render(result).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the release report in " + out, e);
        }
    }

    /** Returns the summary as a JSON-ready map. */
    static Map<String, Object> toJson(ReleaseResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recipe", Map.of("name", result.recipe().name(), "path", result.recipe().path().toString(),
                "sha256", result.recipe().sha256()));
        json.put("toolchain", Map.of("version", Toolchain.version(), "commit", Toolchain.commit()));
        json.put("out", result.outDir().toString());
        json.put("passed", result.passed());
        json.put("status", overallStatus(result));
        ReleaseResult.StepOutcome failure = result.firstFailure();
        json.put("stopped_at", failure == null ? null : failure.name());
        json.put("stopped_after", result.stoppedAfter());
        json.put("failure", failure == null ? null : failure.record().message());
        json.put("bundle", result.passed() ? bundleOf(result) : null);

        List<Map<String, Object>> steps = new ArrayList<>();
        for (ReleaseResult.StepOutcome step : result.steps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", step.index());
            entry.put("name", step.name());
            entry.put("status", step.status().label());
            entry.put("reused", step.reused());
            entry.put("folder", relative(result, step.dir()));
            StepRecord record = step.record();
            entry.put("record", record == null ? null : relative(result, step.dir().resolve(StepRecord.FILE_NAME)));
            entry.put("report", record == null || record.report() == null ? null
                    : relative(result, step.dir().resolve(record.report())));
            entry.put("message", record == null ? "not run: an earlier step stopped the release" : record.message());
            entry.put("seconds", record == null ? null : record.seconds());
            entry.put("summary", record == null ? Map.of() : record.summary());
            steps.add(entry);
        }

        json.put("steps", steps);
        json.put("gates", result.gates());
        return json;
    }

    /** Returns the published bundle's file name and SHA-256 from the pack step's summary. */
    private static Map<String, Object> bundleOf(ReleaseResult result) {
        for (ReleaseResult.StepOutcome step : result.steps()) {
            if (step.name().equals("pack") && step.record() != null && step.record().summary().containsKey("bundle")) {
                Map<String, Object> bundle = new LinkedHashMap<>();
                bundle.put("file", step.record().summary().get("bundle"));
                bundle.put("sha256", step.record().summary().get("sha256"));
                bundle.put("size", step.record().summary().get("size"));
                return bundle;
            }
        }
        return null;
    }

    /** Returns {@code passed}, {@code failed}, or {@code incomplete} when stopped early on request. */
    static String overallStatus(ReleaseResult result) {
        if (result.passed()) {
            return "passed";
        }
        if (result.firstFailure() != null) {
            return "failed";
        }
        return "incomplete";
    }

    static String relative(ReleaseResult result, Path path) {
        return result.outDir().relativize(path).toString().replace('\\', '/');
    }
}
