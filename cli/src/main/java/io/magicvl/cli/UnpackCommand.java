package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.release.bundle.BundleUnpacker;
import io.magicvl.release.bundle.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl unpack}: extracts a bundle safely into a new folder. */
@Command(
        name = "unpack",
        mixinStandardHelpOptions = true,
        description = {
            "Extracts a bundle safely into a new folder.",
            "Rejects absolute paths, '..', links of any kind, device files, FIFOs,",
            "duplicate entries and entries beyond the size limits; writes to a temporary folder, verifies it",
            "against the manifest and moves it into place only when everything checked out."
        })
final class UnpackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Bundle to extract (.tar.zst).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create.")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Mixin
    LimitOptions limits;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        VerificationReport report = BundleUnpacker.unpack(bundle, out, limits.toLimits(), force);
        if (json) {
            Map<String, Object> result = new java.util.LinkedHashMap<>(report.toJson());
            result.put("bundle", bundle.toString());
            out().println(Json.PRETTY.writeValueAsString(result));
        } else {
            out().println("Unpacked " + bundle + " into " + out + ": " + report.filesChecked()
                    + " files verified against manifest.json (model " + report.model() + ")");
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
