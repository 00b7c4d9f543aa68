package io.magicvl.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.safetensors.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the stages of a training run: each sub-folder that contains a checkpoint, ordered by the
 * stage number in its name ({@code stage3-instruct}, {@code stage_3}) or, failing that, in its
 * {@code trainer_state.json} ({@code curriculum_stage.name} or a numeric {@code stage}).
 */
public final class StageDiscovery {
    private static final Pattern STAGE_NUMBER = Pattern.compile("(?i)stage[-_ ]?(\\d+)");

    private StageDiscovery() {}

    /**
     * Returns the stages of {@code run}, lowest number first.
     *
     * @throws MagicvlException (invalid input) if the folder has no stages, a stage has no
     *     number, or two stages share a number
     */
    public static List<RunStage> discover(Path run) {
        if (!Files.isDirectory(run)) {
            throw MagicvlException.invalidInput("Training run not found: " + run
                    + ". Give the folder that holds one checkpoint folder per stage.");
        }
        List<RunStage> stages = new ArrayList<>();
        try (Stream<Path> children = Files.list(run)) {
            for (Path child : children.sorted().toList()) {
                if (!Files.isDirectory(child) || !Checkpoint.isCheckpointFolder(child)) {
                    continue;
                }
                Optional<JsonNode> state = trainerState(child);
                int number = stageNumber(child, state).orElseThrow(() -> MagicvlException.invalidInput(
                        "Cannot tell the stage number of " + child + ". Name the folder stageN-... (for example"
                                + " stage2-visual) or add trainer_state.json with curriculum_stage.name."));
                List<String> declared = new ArrayList<>();
                state.ifPresent(s -> s.path("curriculum_stage").path("trainable").forEach(m -> declared.add(m.asText())));
                stages.add(new RunStage(number, child.getFileName().toString(), child, declared));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + run, e);
        }
        if (stages.isEmpty()) {
            String hint = Checkpoint.isCheckpointFolder(run)
                    ? " It is a single checkpoint; give the run folder above it, which holds one folder per stage."
                    : " Each stage is a sub-folder with config.json and model.safetensors (or a shard index).";
            throw MagicvlException.invalidInput("No stage folders in " + run + "." + hint);
        }
        stages.sort(Comparator.comparingInt(RunStage::number));
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i).number() == stages.get(i - 1).number()) {
                throw MagicvlException.invalidInput("Two folders of " + run + " are stage " + stages.get(i).number() + ": "
                        + stages.get(i - 1).name() + " and " + stages.get(i).name() + ". Keep one checkpoint per stage.");
            }
        }
        return stages;
    }

    /**
     * Returns the stage of {@code run} that {@code stage} names: a number ({@code 4}), a folder
     * name ({@code stage4-advanced}), or null for the last stage. Recipes name the stage to
     * release this way.
     *
     * @throws MagicvlException (invalid input) naming the run, the value and the stages found
     */
    public static RunStage find(Path run, String stage) {
        List<RunStage> stages = discover(run);
        if (stage == null || stage.isBlank()) {
            return stages.get(stages.size() - 1);
        }
        for (RunStage candidate : stages) {
            if (candidate.name().equals(stage) || Integer.toString(candidate.number()).equals(stage.trim())) {
                return candidate;
            }
        }
        List<String> names = stages.stream().map(s -> s.number() + " (" + s.name() + ")").toList();
        throw MagicvlException.invalidInput("Stage '" + stage + "' not found in " + run + ". Stages found: "
                + String.join(", ", names) + ".");
    }

    private static OptionalInt stageNumber(Path folder, Optional<JsonNode> state) {
        OptionalInt fromName = numberIn(folder.getFileName().toString());
        if (fromName.isPresent()) {
            return fromName;
        }
        if (state.isEmpty()) {
            return OptionalInt.empty();
        }
        JsonNode stage = state.get().path("curriculum_stage");
        OptionalInt fromState = numberIn(stage.path("name").asText(""));
        if (fromState.isPresent()) {
            return fromState;
        }
        JsonNode number = stage.has("stage") ? stage.get("stage") : state.get().get("stage");
        return number != null && number.canConvertToInt() && number.isIntegralNumber()
                ? OptionalInt.of(number.intValue()) : OptionalInt.empty();
    }

    private static OptionalInt numberIn(String text) {
        Matcher matcher = STAGE_NUMBER.matcher(text);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private static Optional<JsonNode> trainerState(Path folder) {
        Path file = folder.resolve("trainer_state.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Invalid JSON in " + file + ": " + e.getMessage());
        }
    }
}
