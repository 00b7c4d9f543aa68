package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.release.bundle.BundlePacker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl pack}: packs a verified export folder into a reproducible bundle. */
@Command(
        name = "pack",
        mixinStandardHelpOptions = true,
        description = {
            "Packs an export folder into one reproducible zstd-compressed tar (a bundle).",
            "The folder is verified against its manifest first; the same folder always gives the same bytes."
        })
final class PackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPORT_DIR", description = "Export folder written by convert or quantize.")
    Path exportDir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Bundle to write, for example model.tar.zst.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String sha256 = BundlePacker.pack(exportDir, out, force);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bundle", out.toString());
            result.put("size", Files.size(out));
            result.put("sha256", sha256);
            out().println(Json.PRETTY.writeValueAsString(result));
        } else {
            out().println(out + "  " + Files.size(out) + " bytes  sha256 " + sha256);
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
