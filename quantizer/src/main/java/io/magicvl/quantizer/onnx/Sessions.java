package io.magicvl.quantizer.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import java.nio.file.Path;

/** Creates ONNX Runtime sessions for the graphs the quantizer reads and writes. */
public final class Sessions {
    private Sessions() {}

    /** Returns the shared ONNX Runtime environment. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "magicvl");
    }

    /**
     * Returns session options with intra-op threads {@code threads}, the given optimization
     * level, and {@code session.qdq_matmulnbits_accuracy_level} 0 so that ONNX Runtime never
     * silently rewrites block-wise DequantizeLinear + MatMul into int8-activation compute.
     */
    public static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setOptimizationLevel(level);
        options.addConfigEntry("session.qdq_matmulnbits_accuracy_level", "0");
        return options;
    }

    /** Opens a session on an in-memory model whose external data (if any) lives in {@code folder}. */
    public static OrtSession open(ModelProto model, Path folder, OrtSession.SessionOptions options)
            throws OrtException {
        if (folder != null) {
            options.addConfigEntry(
                    "session.model_external_initializers_file_folder_path", folder.toAbsolutePath().toString());
        }
        return environment().createSession(model.toByteArray(), options);
    }

    /** Opens a session on a model file; external data resolves against the file's folder. */
    public static OrtSession open(Path modelFile, OrtSession.SessionOptions options) throws OrtException {
        return environment().createSession(modelFile.toAbsolutePath().toString(), options);
    }
}
