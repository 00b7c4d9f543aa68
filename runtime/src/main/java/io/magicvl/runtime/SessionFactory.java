package io.magicvl.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.magicvl.core.MagicvlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Creates ONNX Runtime sessions with the settings of {@link RuntimeOptions}. */
final class SessionFactory {
    private final OrtEnvironment environment;
    private final RuntimeOptions options;

    SessionFactory(OrtEnvironment environment, RuntimeOptions options) {
        this.environment = environment;
        this.options = options;
    }

    /**
     * Opens the graph {@code file}; external weight files resolve against its folder.
     *
     * @throws MagicvlException (invalid input) when the file is missing or ONNX Runtime rejects it
     */
    OrtSession open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Graph not found: " + file + ". The export folder is incomplete.");
        }
        try (OrtSession.SessionOptions sessionOptions = sessionOptions()) {
            return environment.createSession(file.toString(), sessionOptions);
        } catch (OrtException e) {
            throw MagicvlException.invalidInput("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    private OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        try {
            sessionOptions.setOptimizationLevel(RuntimeOptions.parseOptLevel(options.optimizationLevel()));
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                sessionOptions.setInterOpNumThreads(options.interOpThreads());
            }
            for (Map.Entry<String, String> entry : options.sessionConfig().entrySet()) {
                sessionOptions.addConfigEntry(entry.getKey(), entry.getValue());
            }
            addProvider(sessionOptions);
            return sessionOptions;
        } catch (OrtException | RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    private void addProvider(OrtSession.SessionOptions sessionOptions) throws OrtException {
        String name = options.executionProvider();
        OrtProvider provider = switch (name) {
            case "cpu" -> OrtProvider.CPU;
            case "xnnpack" -> OrtProvider.XNNPACK;
            case "nnapi" -> OrtProvider.NNAPI;
            case "qnn" -> OrtProvider.QNN;
            case "coreml" -> OrtProvider.CORE_ML;
            case "cuda" -> OrtProvider.CUDA;
            case "dnnl" -> OrtProvider.DNNL;
            default -> throw MagicvlException.invalidInput("Unknown execution provider \"" + name
                    + "\". Expected cpu, xnnpack, nnapi, qnn, coreml, cuda or dnnl.");
        };
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        if (!available.contains(provider)) {
            throw MagicvlException.invalidInput("Execution provider \"" + name
                    + "\" is not in this ONNX Runtime build (available: " + describe(available)
                    + "). Use one of those, or run with an ONNX Runtime package that includes it"
                    + " (for example the Android AAR for nnapi and xnnpack).");
        }
        Map<String, String> providerOptions = options.providerOptions();
        switch (provider) {
            case CPU -> { }
            case XNNPACK -> sessionOptions.addXnnpack(providerOptions);
            case NNAPI -> sessionOptions.addNnapi();
            case QNN -> sessionOptions.addQnn(providerOptions);
            case CORE_ML -> sessionOptions.addCoreML(providerOptions);
            case CUDA -> sessionOptions.addCUDA();
            case DNNL -> sessionOptions.addDnnl(true);
            default -> throw new IllegalStateException("Unhandled provider " + provider);
        }
    }

    private static String describe(EnumSet<OrtProvider> providers) {
        return providers.stream()
                .map(p -> p.name().toLowerCase(Locale.ROOT).replace("_", ""))
                .collect(Collectors.joining(", "));
    }
}
