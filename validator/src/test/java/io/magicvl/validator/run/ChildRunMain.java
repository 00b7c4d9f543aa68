package io.magicvl.validator.run;

import io.magicvl.validator.data.Bench;
import io.magicvl.validator.score.ScoringMode;
import java.nio.file.Path;

/**
 * Runs a validation in a separate JVM so that a test can kill it with SIGKILL. Arguments:
 * export folder, OCRBench file, image root, run folder, item limit.
 */
public final class ChildRunMain {
    private ChildRunMain() {}

    public static void main(String[] args) {
        Path export = Path.of(args[0]);
        RunConfig config = new RunConfig(export, Bench.OCRBENCH, Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                Integer.parseInt(args[4]), Shard.all(), 1, ScoringMode.OFFICIAL, 24, MissingImagePolicy.FAIL);
        new ValidationRun(config, NanoExports.factory(export)).execute();
    }
}
