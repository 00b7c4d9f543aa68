package io.magicvl.release.pipeline;

import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.release.bundle.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs release steps in order, each in its own folder {@code OUT/steps/<n>-<name>/}, and
 * stops at the first step that fails. Each finished step leaves a {@link StepRecord}; with
 * {@code resume}, a step whose record passed, whose inputs hash is unchanged and whose
 * output files still have their recorded hashes is reused instead of run again. The summary
 * report is written whatever the outcome.
 */
public final class ReleaseRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseRunner.class);

    private final List<ReleaseStep> steps;

    public ReleaseRunner(List<ReleaseStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Runs the release; a failed step is reported in the result, not thrown. */
    public ReleaseResult run(ReleaseOptions options, RecipeFile recipe) {
        if (options.stopAfter() != null && steps.stream().noneMatch(s -> s.name().equals(options.stopAfter()))) {
            throw MagicvlException.invalidInput("--stop-after " + options.stopAfter() + " names no step; the steps are "
                    + steps.stream().map(ReleaseStep::name).toList());
        }
        prepareOutDir(options);
        Map<String, StepRecord> finished = new HashMap<>();
        Map<String, Path> dirs = new HashMap<>();
        List<ReleaseResult.StepOutcome> outcomes = new ArrayList<>();
        boolean stopped = false;
        String stoppedAfter = null;
        for (int i = 0; i < steps.size(); i++) {
            ReleaseStep step = steps.get(i);
            int index = i + 1;
            Path dir = options.outDir().resolve("steps").resolve(index + "-" + step.name());
            if (stopped) {
                outcomes.add(new ReleaseResult.StepOutcome(index, step.name(), dir, null, false));
                continue;
            }
            StepContext context = new StepContext(options, recipe, dir, finished, dirs);
            ReleaseResult.StepOutcome outcome;
            try {
                outcome = runStep(step, index, dir, context, options.resume());
            } catch (RuntimeException e) {
                StepRecord record = failedRecord(step.name(), index, e);
                writeRecord(dir, record);
                outcomes.add(new ReleaseResult.StepOutcome(index, step.name(), dir, record, false));
                for (int j = i + 1; j < steps.size(); j++) {
                    Path later = options.outDir().resolve("steps").resolve((j + 1) + "-" + steps.get(j).name());
                    outcomes.add(new ReleaseResult.StepOutcome(j + 1, steps.get(j).name(), later, null, false));
                }
                ReleaseReport.write(new ReleaseResult(recipe, options.outDir(), outcomes, null));
                throw e;
            }
            outcomes.add(outcome);
            finished.put(step.name(), outcome.record());
            dirs.put(step.name(), dir);
            if (outcome.status() != StepStatus.PASSED) {
                stopped = true;
            } else if (step.name().equals(options.stopAfter())) {
                stopped = true;
                stoppedAfter = step.name();
                LOG.info("Stopping after step {} as asked; continue with --resume", step.name());
            }
        }
        ReleaseResult result = new ReleaseResult(recipe, options.outDir(), outcomes, stoppedAfter);
        ReleaseReport.write(result);
        return result;
    }

    private static void prepareOutDir(ReleaseOptions options) {
        Path out = options.outDir();
        if (Files.exists(out) && !options.resume()) {
            if (!options.force()) {
                throw MagicvlException.invalidInput("Release output folder already exists: " + out
                        + ". Pass --resume to continue it, --force to start over, or choose another --out.");
            }
            if (!Files.isDirectory(out.resolve("steps")) && !isEmptyFolder(out)) {
                throw MagicvlException.invalidInput("Refusing to delete " + out + " for --force: it is not the output"
                        + " folder of a release (no steps/ inside). Choose another --out.");
            }
            try {
                OutputPaths.deleteRecursively(out);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete " + out, e);
            }
        }
        OutputPaths.checkParentUsable(out.resolve("steps"));
        try {
            Files.createDirectories(out.resolve("steps"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + out, e);
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private ReleaseResult.StepOutcome runStep(ReleaseStep step, int index, Path dir, StepContext context, boolean resume) {
        String label = "Step " + index + "/" + steps.size() + " " + step.name();
        String inputs = callInputsHash(step, context);
        if (resume) {
            StepRecord previous = readRecord(dir);
            String reason = reuseProblem(previous, inputs, dir);
            if (reason == null && !callOutsideOutputsIntact(step, context)) {
                reason = "outputs it wrote outside its folder are missing or changed";
            }
            if (reason == null) {
                LOG.info("{}: skipped, finished before with the same inputs (inputs sha256 {})", label, inputs.substring(0, 12));
                return new ReleaseResult.StepOutcome(index, step.name(), dir, previous, true);
            }
            LOG.info("{}: running ({})", label, reason);
        } else {
            LOG.info("{}: running", label);
        }
        try {
            OutputPaths.deleteRecursively(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + dir, e);
        }
        long start = System.nanoTime();
        StepResult result = callRun(step, context);
        double seconds = (System.nanoTime() - start) / 1e9;
        StepRecord record = new StepRecord(step.name(), index, result.status(), inputs, hashOutputs(dir),
                result.message(), result.gates(), result.report(), result.summary(), Math.round(seconds * 1000) / 1000.0);
        writeRecord(dir, record);
        for (Gate gate : result.gates()) {
            LOG.info("  gate {}", gate.describe());
        }
        LOG.info("{}: {} in {} s: {}", label, result.status().label(), String.format(java.util.Locale.ROOT, "%.1f", seconds),
                result.message());
        return new ReleaseResult.StepOutcome(index, step.name(), dir, record, false);
    }

    /** Returns why a previous run cannot be reused, or null when it can. */
    private static String reuseProblem(StepRecord previous, String inputs, Path dir) {
        if (previous == null) {
            return "no finished run to resume";
        }
        if (previous.status() != StepStatus.PASSED) {
            return "the previous run " + previous.status().label();
        }
        if (!previous.inputsSha256().equals(inputs)) {
            return "inputs changed since the previous run";
        }
        if (!previous.outputs().equals(hashOutputs(dir))) {
            return "its output files changed since the previous run";
        }
        return null;
    }

    private static String callInputsHash(ReleaseStep step, StepContext context) {
        try {
            return step.inputsHash(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Step " + step.name() + " cannot hash its inputs", e);
        }
    }

    private static boolean callOutsideOutputsIntact(ReleaseStep step, StepContext context) {
        try {
            return step.outsideOutputsIntact(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Step " + step.name() + " cannot check its outputs", e);
        }
    }

    private static StepResult callRun(ReleaseStep step, StepContext context) {
        try {
            return step.run(context);
        } catch (MagicvlException e) {
            if (e.kind() == MagicvlException.Kind.CHECK_FAILED) {
                return StepResult.failed(e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Step " + step.name() + " failed: " + e, e);
        }
    }

    private static StepRecord failedRecord(String step, int index, RuntimeException error) {
        String message = error instanceof MagicvlException ? error.getMessage() : "internal error: " + error;
        return new StepRecord(step, index, StepStatus.FAILED, "", new TreeMap<>(), message, List.of(), null, Map.of(), 0);
    }

    /** Hashes every file of a step folder except its record. */
    static SortedMap<String, String> hashOutputs(Path dir) {
        SortedMap<String, String> outputs = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return outputs;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(file).toString().replace('\\', '/');
                if (!name.equals(StepRecord.FILE_NAME)) {
                    outputs.put(name, Sha256.ofFile(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hash the outputs in " + dir, e);
        }
        return outputs;
    }

    static StepRecord readRecord(Path dir) {
        Path file = dir.resolve(StepRecord.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), StepRecord.class);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable step record {}: {}", file, e.getMessage());
            return null;
        }
    }

    private static void writeRecord(Path dir, StepRecord record) {
        try {
            Files.createDirectories(dir);
            OutputPaths.writeAtomically(dir.resolve(StepRecord.FILE_NAME), Json.PRETTY.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the step record in " + dir, e);
        }
    }
}
