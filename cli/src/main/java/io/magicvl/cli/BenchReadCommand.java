package io.magicvl.cli;

import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.bench.ReadBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magicvl bench read}: checkpoint read and hash throughput next to {@code cat}. */
@Command(
        name = "read",
        mixinStandardHelpOptions = true,
        description = {
            "Measures checkpoint read and hash throughput next to cat.",
            "Reads and SHA-256-hashes every tensor and times it next to 'cat FILES > /dev/null' on the "
                    + "same files, run before and after. Reports GB/s (10^9 bytes), the peak resident set (VmHWM)"
                    + " and the peak heap. Run with MAGICVL_JAVA_OPTS=-Xmx512m to check the bounded-heap target.",
        })
public final class BenchReadCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CHECKPOINT", description = "Checkpoint folder or .safetensors file.")
    private Path checkpoint;

    @Option(names = "--threads", defaultValue = "2", description = "Reader threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--buffer-kib", defaultValue = "1024",
            description = "Read buffer per thread in KiB (default: ${DEFAULT-VALUE}).")
    private int bufferKib;

    @Option(names = "--no-hash", description = "Only read the tensors, without SHA-256.")
    private boolean noHash;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw MagicvlException.invalidInput("Invalid --threads " + threads + ": give 1 or more.");
        }
        if (bufferKib < 4 || bufferKib > 1 << 20) {
            throw MagicvlException.invalidInput("Invalid --buffer-kib " + bufferKib + ": give 4 to 1048576.");
        }
        ReadBenchmark.Result result = ReadBenchmark.run(checkpoint, threads, !noHash, bufferKib * 1024);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.REPORT.writeValueAsString(result));
        } else {
            out.printf("checkpoint        %s (%d files, %,d bytes; %d tensors, %,d bytes)%n", result.checkpoint(),
                    result.files(), result.fileBytes(), result.tensors(), result.tensorBytes());
            out.printf("cat, first run    %.2f s  %.2f GB/s%n", result.catFirstSeconds(),
                    result.fileBytes() / result.catFirstSeconds() / 1e9);
            out.printf("magicvl read%s  %.2f s  %.2f GB/s  (%d threads)%n", result.hashed() ? "+sha256" : "       ",
                    result.readSeconds(), result.readGbPerSecond(), result.threads());
            out.printf("cat, second run   %.2f s  %.2f GB/s%n", result.catSeconds(), result.catGbPerSecond());
            out.printf("magicvl / cat     %.2fx the time of the second cat run%n", result.slowdownVsCat());
            if (result.readCpuSeconds() >= 0 && result.catCpuSeconds() > 0) {
                out.printf("CPU time          magicvl %.2f s, cat %.2f s (%.2fx)%n", result.readCpuSeconds(),
                        result.catCpuSeconds(), result.readCpuSeconds() / result.catCpuSeconds());
            }
            out.printf("peak RSS          %.0f MB (VmHWM)%n", result.peakRssBytes() / 1e6);
            out.printf("peak heap         %.0f MB of %.0f MB max%n", result.peakHeapBytes() / 1e6, result.maxHeapBytes() / 1e6);
            if (result.hashed()) {
                out.printf("digest            %s (SHA-256 of the per-tensor SHA-256 values in name order)%n", result.digest());
            }
        }
        out.flush();
        return 0;
    }
}
