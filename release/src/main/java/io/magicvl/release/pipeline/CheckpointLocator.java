package io.magicvl.release.pipeline;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.CheckpointSection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the checkpoint folder a release works on: {@code --checkpoint DIR} when given, else
 * the recipe's {@code checkpoint.run} and {@code checkpoint.stage}.
 */
public final class CheckpointLocator {
    private static final Pattern STAGE = Pattern.compile("stage(\\d+)(?:[-_].*)?");

    private CheckpointLocator() {}

    /**
     * Returns the checkpoint folder. A {@code --checkpoint} folder is used as is when it contains
     * a {@code config.json}; otherwise it is treated as a training run like {@code checkpoint.run}.
     */
    public static Path locate(RecipeFile recipe, Path override) {
        CheckpointSection section = recipe.section("checkpoint", CheckpointSection.class);
        String stage = section == null ? null : section.stage();
        if (override != null) {
            if (Files.isRegularFile(override.resolve("config.json"))) {
                return override.toAbsolutePath().normalize();
            }
            return stageFolder(override.toAbsolutePath().normalize(), stage);
        }
        if (section == null) {
            throw MagicvlException.invalidInput("Recipe " + recipe.path()
                    + " has no checkpoint section: add checkpoint.run, or pass --checkpoint DIR");
        }
        return stageFolder(recipe.resolve(section.run()), stage);
    }

    /** Returns the training run a checkpoint belongs to: the folder that contains it and its sibling stages. */
    public static Path runOf(Path checkpoint) {
        return checkpoint.toAbsolutePath().normalize().getParent();
    }

    /** Returns the stage's folder in a run: by number ({@code 4} finds {@code stage4-*}), by name, or the last stage. */
    static Path stageFolder(Path run, String stage) {
        if (!Files.isDirectory(run)) {
            throw MagicvlException.invalidInput("Training run folder not found: " + run
                    + ". Fix checkpoint.run in the recipe or pass --checkpoint DIR.");
        }
        List<Path> stages = stages(run);
        if (stage == null) {
            if (stages.isEmpty()) {
                throw MagicvlException.invalidInput("No stage folders (stage<N>-...) in " + run
                        + "; pass --checkpoint with the checkpoint folder itself.");
            }
            return stages.get(stages.size() - 1);
        }
        if (stage.matches("\\d+")) {
            int number = Integer.parseInt(stage);
            for (Path folder : stages) {
                if (stageNumber(folder) == number) {
                    return folder;
                }
            }
        } else if (Files.isDirectory(run.resolve(stage))) {
            return run.resolve(stage);
        }
        throw MagicvlException.invalidInput("Stage " + stage + " not found in " + run + "; it has "
                + stages.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static List<Path> stages(Path run) {
        try (Stream<Path> children = Files.list(run)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> stageNumber(p) >= 0)
                    .sorted(Comparator.comparingInt(CheckpointLocator::stageNumber))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + run, e);
        }
    }

    private static int stageNumber(Path folder) {
        Matcher matcher = STAGE.matcher(folder.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
