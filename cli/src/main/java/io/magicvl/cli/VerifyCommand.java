package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.release.bundle.BundleVerifier;
import io.magicvl.release.bundle.ExtractionLimits;
import io.magicvl.release.bundle.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl verify}: checks a bundle or export folder against its manifest. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a bundle or export folder against its manifest.",
            "Checks the manifest's schema, that every file is listed, that every listed file exists, and every",
            "size and SHA-256. Exit code 1 when anything differs; each problem names the file."
        })
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Bundle (.tar.zst) or export folder.")
    Path path;

    @Mixin
    LimitOptions limits;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ExtractionLimits extractionLimits = limits.toLimits();
        VerificationReport report = BundleVerifier.verify(path, extractionLimits);
        if (json) {
            out().println(Json.PRETTY.writeValueAsString(report.toJson()));
        } else if (report.ok()) {
            out().println("OK " + path + ": " + report.filesChecked() + " files match manifest.json (model "
                    + report.model() + ")");
        } else {
            out().println("FAILED " + path + ": " + report.problems().size() + " problem(s)");
            for (VerificationReport.Problem problem : report.problems()) {
                out().println("  " + problem);
            }
        }
        return report.ok() ? 0 : 1;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
