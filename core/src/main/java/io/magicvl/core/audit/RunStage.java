package io.magicvl.core.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * One stage of a training run: a Hugging Face checkpoint folder with a stage number.
 *
 * @param number the stage number, from the folder name ({@code stage2-visual}) or trainer_state.json
 * @param name the folder name
 * @param folder the checkpoint folder
 * @param declaredTrainable the modules {@code trainer_state.json} lists as trained
 *     ({@code curriculum_stage.trainable}), empty if it lists none
 */
public record RunStage(int number, String name, Path folder, List<String> declaredTrainable) {
    public RunStage {
        declaredTrainable = List.copyOf(declaredTrainable);
    }
}
