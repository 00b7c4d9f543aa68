package io.magicvl.cli;

import io.magicvl.release.pipeline.Gate;
import io.magicvl.release.pipeline.Release;
import io.magicvl.release.pipeline.ReleaseOptions;
import io.magicvl.release.pipeline.ReleaseReport;
import io.magicvl.release.pipeline.ReleaseResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl release}: runs the whole pipeline a recipe describes and stops at the first failed gate. */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline a recipe describes, from checkpoint to verified bundle.",
            "Steps: audit, convert (parity), quantize, validate, compare (gates), device (gates), pack, verify.",
            "Stops at the first failed step or gate with exit code 1.",
            "Each step's output stays in OUT/steps/<n>-<step>/.",
            "OUT/report.html, report.json and report.xml (JUnit) summarize the run."
        })
final class ReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "Recipe file, for example recipes/magicvl-nano.yaml.")
    Path recipe;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Checkpoint folder (or training run folder) to release instead of the recipe's checkpoint.run and stage.")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: the recipe's release.out, else runs/<recipe name>-release).")
    Path out;

    @Option(names = "--resume", description = "Continue an earlier run in OUT, reusing steps whose inputs are unchanged.")
    boolean resume;

    @Option(names = "--force", description = "Delete OUT and start over if it exists.")
    boolean force;

    @Option(names = "--stop-after", paramLabel = "STEP", description = "Stop after this step (continue later with --resume).")
    String stopAfter;

    @Option(names = "--device", paramLabel = "SERIAL",
            description = "Device for the device step: an adb serial, or local (default) for this machine.")
    String device;

    @Option(names = "--adb", paramLabel = "HOST:PORT",
            description = "adb server that reaches --device; repeat to pool several (default: ADB_SERVER_SOCKET, else 127.0.0.1:5037).")
    java.util.List<String> adb = new java.util.ArrayList<>();

    @Option(names = "--json", description = "Print the summary report as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path outDir = out != null ? out : Release.defaultOutDir(recipe);
        ReleaseResult result = Release.run(new ReleaseOptions(recipe, checkpoint, outDir, resume, force, stopAfter, device, adb));
        if (json) {
            out().print(Files.readString(outDir.resolve(ReleaseReport.JSON)));
        } else {
            print(result, outDir);
        }
        out().flush();
        return result.firstFailure() == null ? 0 : 1;
    }

    private void print(ReleaseResult result, Path outDir) {
        for (ReleaseResult.StepOutcome step : result.steps()) {
            String status = step.status().label() + (step.reused() ? " (reused)" : "");
            String message = step.record() == null ? "" : firstLine(step.record().message());
            out().printf("%d. %-9s %-16s %s%n", step.index(), step.name(), status, message);
        }
        for (Gate gate : result.gates()) {
            out().println("gate " + gate.describe());
        }
        ReleaseResult.StepOutcome failure = result.firstFailure();
        if (failure != null) {
            out().println("Release FAILED at step " + failure.index() + " " + failure.name() + ".");
        } else if (result.stoppedAfter() != null) {
            out().println("Stopped after " + result.stoppedAfter() + " as asked; continue with --resume.");
        } else {
            Object bundle = result.steps().get(result.steps().size() - 1).record().summary().get("bundle");
            out().println("Release PASSED: bundle " + outDir.resolve(String.valueOf(bundle)));
        }
        out().println("Report: " + outDir.resolve(ReleaseReport.HTML));
    }

    /** Returns the first line of a message; the report keeps the whole text. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end) + " ...";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
