package io.magicvl.runtime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.magicvl.core.MagicvlException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the runtime creates its ONNX Runtime sessions and how long answers may get.
 *
 * @param intraOpThreads threads inside one operator; 0 lets ONNX Runtime choose (one per core)
 * @param interOpThreads threads across independent operators; 0 lets ONNX Runtime choose
 * @param optimizationLevel graph optimization level: {@code disable}, {@code basic},
 *     {@code extended} or {@code all}
 * @param executionProvider {@code cpu}, {@code xnnpack}, {@code nnapi}, {@code qnn},
 *     {@code coreml}, {@code cuda} or {@code dnnl}; the ONNX Runtime build must include it
 * @param providerOptions options passed to the execution provider as given (for example
 *     QNN's {@code backend_path})
 * @param sessionConfig session configuration entries, for example
 *     {@code session.qdq_matmulnbits_accuracy_level}
 * @param maxNewTokens default limit of generated tokens per answer
 * @param prefillChunkTokens longest piece the prompt is split into for prefill, so that the
 *     logits of a long prompt never exceed {@code chunk x vocabulary} floats; 0 runs the whole
 *     prompt at once
 */
public record RuntimeOptions(
        int intraOpThreads,
        int interOpThreads,
        String optimizationLevel,
        String executionProvider,
        Map<String, String> providerOptions,
        Map<String, String> sessionConfig,
        int maxNewTokens,
        int prefillChunkTokens) {

    /** Default limit of generated tokens per answer. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 128;
    /** Default prefill piece: 256 tokens of a 151,936-entry vocabulary is 156 MB of logits. */
    public static final int DEFAULT_PREFILL_CHUNK_TOKENS = 256;

    /** Largest thread count accepted: each ONNX Runtime thread reserves its own stack. */
    public static final int MAX_THREADS = 256;

    public RuntimeOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw MagicvlException.invalidInput("Thread counts must be 0 (automatic) or positive, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
        if (intraOpThreads > MAX_THREADS || interOpThreads > MAX_THREADS) {
            throw MagicvlException.invalidInput("Thread counts must be at most " + MAX_THREADS + ", got "
                    + intraOpThreads + " and " + interOpThreads + ". Give the number of cores ("
                    + Runtime.getRuntime().availableProcessors() + " here) or 0 (automatic).");
        }
        if (maxNewTokens < 1) {
            throw MagicvlException.invalidInput("The maximum number of new tokens (--max-new-tokens) must be at least 1, got " + maxNewTokens);
        }
        if (prefillChunkTokens < 0) {
            throw MagicvlException.invalidInput("The prefill piece size (--prefill-chunk) must be 0 or positive, got " + prefillChunkTokens);
        }
        optimizationLevel = optimizationLevel.toLowerCase(Locale.ROOT);
        executionProvider = executionProvider.toLowerCase(Locale.ROOT);
        parseOptLevel(optimizationLevel);
        providerOptions = Map.copyOf(providerOptions);
        sessionConfig = Map.copyOf(sessionConfig);
    }

    /** Returns the defaults: automatic threads, all optimizations, CPU, 128 new tokens, 256-token prefill pieces. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(0, 0, "all", "cpu", Map.of(), Map.of(),
                DEFAULT_MAX_NEW_TOKENS, DEFAULT_PREFILL_CHUNK_TOKENS);
    }

    /** Returns a copy with {@code threads} intra-op threads. */
    public RuntimeOptions withIntraOpThreads(int threads) {
        return new RuntimeOptions(threads, interOpThreads, optimizationLevel, executionProvider,
                providerOptions, sessionConfig, maxNewTokens, prefillChunkTokens);
    }

    /** Returns a copy with {@code threads} inter-op threads. */
    public RuntimeOptions withInterOpThreads(int threads) {
        return new RuntimeOptions(intraOpThreads, threads, optimizationLevel, executionProvider,
                providerOptions, sessionConfig, maxNewTokens, prefillChunkTokens);
    }

    /** Returns a copy with the graph optimization level {@code level}. */
    public RuntimeOptions withOptimizationLevel(String level) {
        return new RuntimeOptions(intraOpThreads, interOpThreads, level, executionProvider,
                providerOptions, sessionConfig, maxNewTokens, prefillChunkTokens);
    }

    /** Returns a copy that runs on {@code provider} with {@code options}. */
    public RuntimeOptions withExecutionProvider(String provider, Map<String, String> options) {
        return new RuntimeOptions(intraOpThreads, interOpThreads, optimizationLevel, provider,
                options, sessionConfig, maxNewTokens, prefillChunkTokens);
    }

    /** Returns a copy with one more session configuration entry. */
    public RuntimeOptions withSessionConfig(String key, String value) {
        Map<String, String> config = new TreeMap<>(sessionConfig);
        config.put(key, value);
        return new RuntimeOptions(intraOpThreads, interOpThreads, optimizationLevel, executionProvider,
                providerOptions, config, maxNewTokens, prefillChunkTokens);
    }

    /** Returns a copy with a default limit of {@code tokens} new tokens. */
    public RuntimeOptions withMaxNewTokens(int tokens) {
        return new RuntimeOptions(intraOpThreads, interOpThreads, optimizationLevel, executionProvider,
                providerOptions, sessionConfig, tokens, prefillChunkTokens);
    }

    /** Returns a copy that prefills at most {@code tokens} prompt tokens per decoder call (0: all). */
    public RuntimeOptions withPrefillChunkTokens(int tokens) {
        return new RuntimeOptions(intraOpThreads, interOpThreads, optimizationLevel, executionProvider,
                providerOptions, sessionConfig, maxNewTokens, tokens);
    }

    /** Returns ONNX Runtime's constant for {@code level}. */
    static OptLevel parseOptLevel(String level) {
        return switch (level) {
            case "disable", "none" -> OptLevel.NO_OPT;
            case "basic" -> OptLevel.BASIC_OPT;
            case "extended" -> OptLevel.EXTENDED_OPT;
            case "all" -> OptLevel.ALL_OPT;
            default -> throw MagicvlException.invalidInput("Unknown graph optimization level \"" + level
                    + "\". Expected disable, basic, extended or all.");
        };
    }
}
