package io.magicvl.release.steps;

import io.magicvl.release.pipeline.ReleaseSettings;
import io.magicvl.release.pipeline.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code release.baseline}: the converted fp32 export or an export folder. */
final class Baselines {
    private Baselines() {}

    static boolean isConverted(StepContext context) {
        return ReleaseSettings.CONVERTED.equals(ReleaseSettings.of(context.recipe()).baseline());
    }

    /** Returns a description of the baseline that does not depend on where the output folder is. */
    static String describe(StepContext context) {
        return ReleaseSettings.of(context.recipe()).baseline();
    }

    /** Returns the baseline export folder. */
    static Path export(StepContext context) {
        if (isConverted(context)) {
            return context.dirOf("convert").resolve(ConvertStep.EXPORT);
        }
        Path folder = context.recipe().resolve(ReleaseSettings.of(context.recipe()).baseline());
        if (!Files.isRegularFile(folder.resolve("manifest.json"))) {
            throw context.recipe().recipe().invalid("release.baseline", "no export folder at " + folder
                    + "; convert the baseline first (for example magicvl release recipes/internvl2_5-2b.yaml"
                    + " --stop-after convert) or use 'converted'");
        }
        return folder;
    }
}
