package io.magicvl.cli;

import io.magicvl.runtime.RuntimeOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** ONNX Runtime session options shared by the commands that run an export folder. */
public final class SessionOptionsMixin {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Intra-op threads; 0 lets ONNX Runtime use one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--inter-op-threads", paramLabel = "N", defaultValue = "0",
            description = "Inter-op threads; 0 lets ONNX Runtime choose (default: ${DEFAULT-VALUE}).")
    int interOpThreads;

    @Option(names = "--optimization", paramLabel = "LEVEL", defaultValue = "all",
            description = "Graph optimization level: disable, basic, extended or all (default: ${DEFAULT-VALUE}).")
    String optimization;

    @Option(names = "--provider", paramLabel = "NAME", defaultValue = "cpu",
            description = "Execution provider: cpu, xnnpack, nnapi, qnn, coreml, cuda or dnnl; the ONNX Runtime"
                    + " build must include it (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--provider-option", paramLabel = "KEY=VALUE",
            description = "Option passed to the execution provider as given; repeatable.")
    Map<String, String> providerOptions = new LinkedHashMap<>();

    @Option(names = "--session-config", paramLabel = "KEY=VALUE",
            description = "ONNX Runtime session configuration entry, for example"
                    + " session.qdq_matmulnbits_accuracy_level=4; repeatable.")
    Map<String, String> sessionConfig = new LinkedHashMap<>();

    @Option(names = "--prefill-chunk", paramLabel = "TOKENS", defaultValue = "" + RuntimeOptions.DEFAULT_PREFILL_CHUNK_TOKENS,
            description = "Maximum number of prompt tokens per decoder call during prefill; 0 prefills the whole prompt at once"
                    + " (default: ${DEFAULT-VALUE}).")
    int prefillChunk;

    /** Returns the runtime options these flags describe. */
    RuntimeOptions toOptions() {
        RuntimeOptions options = RuntimeOptions.defaults()
                .withIntraOpThreads(threads)
                .withInterOpThreads(interOpThreads)
                .withOptimizationLevel(optimization)
                .withExecutionProvider(provider, providerOptions)
                .withPrefillChunkTokens(prefillChunk);
        for (Map.Entry<String, String> entry : sessionConfig.entrySet()) {
            options = options.withSessionConfig(entry.getKey(), entry.getValue());
        }
        return options;
    }
}
