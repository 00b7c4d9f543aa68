package io.magicvl.release.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.Toolchain;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.release.bundle.BundlePacker;
import io.magicvl.release.manifest.ManifestFiles;
import io.magicvl.release.pipeline.InputsHash;
import io.magicvl.release.pipeline.ReleaseSettings;
import io.magicvl.release.pipeline.ReleaseStep;
import io.magicvl.release.pipeline.StepContext;
import io.magicvl.release.pipeline.StepResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Packs the candidate export into the bundle. The manifest is completed first with facts
 * only the release has: the recipe and its hash, the toolchain, and the validation and
 * device summaries of the gated steps.
 */
public final class PackStep implements ReleaseStep {
    private final String sourceStep;

    /** Packs the {@code export/} folder of {@code sourceStep} (quantize, or convert without it). */
    public PackStep(String sourceStep) {
        this.sourceStep = sourceStep;
    }

    @Override
    public String name() {
        return "pack";
    }

    @Override
    public String inputsHash(StepContext context) {
        InputsHash hash = new InputsHash(name())
                .text("bundle", ReleaseSettings.of(context.recipe()).bundleName(context.recipe()))
                .text("recipe", context.recipe().sha256())
                .step(context.record(sourceStep));
        for (String gated : new String[] {"compare", "device"}) {
            if (context.has(gated)) {
                hash.step(context.record(gated));
            }
        }
        return hash.sha256();
    }

    @Override
    public StepResult run(StepContext context) throws IOException {
        Path staging = context.stepDir().resolve(".staging");
        copyTree(context.dirOf(sourceStep).resolve("export"), staging);
        ObjectNode manifest = ManifestFiles.read(staging);
        ObjectNode recipe = manifest.putObject("recipe");
        recipe.put("name", context.recipe().name());
        recipe.put("sha256", context.recipe().sha256());
        recipe.put("file", context.recipe().path().getFileName().toString());
        ObjectNode toolchain = manifest.putObject("toolchain");
        toolchain.put("version", Toolchain.version());
        toolchain.put("commit", Toolchain.commit());
        manifest.set("validation", Json.MAPPER.valueToTree(ReleaseSummaries.of(context, "compare")));
        manifest.set("device", Json.MAPPER.valueToTree(ReleaseSummaries.of(context, "device")));
        ManifestFiles.write(staging, manifest);

        String bundleName = ReleaseSettings.of(context.recipe()).bundleName(context.recipe());
        Path bundle = context.stepDir().resolve(bundleName);
        String sha256 = BundlePacker.pack(staging, bundle, false);
        OutputPaths.deleteRecursively(staging);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("bundle", bundleName);
        summary.put("size", Files.size(bundle));
        summary.put("sha256", sha256);
        Files.write(context.stepDir().resolve("pack.json"), Json.PRETTY.writeValueAsBytes(summary));
        return StepResult.passed("packed " + bundleName + " (" + Files.size(bundle) + " bytes, sha256 " + sha256 + ")",
                "pack.json", summary);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
