package io.magicvl.device.bench;

import io.magicvl.runtime.OnnxVisionLanguageModel;
import io.magicvl.runtime.RuntimeOptions;
import java.nio.file.Path;

/** Opens an export folder with the runtime module's ONNX Runtime implementation. */
final class ModelLoader {
    private ModelLoader() {}

    static OnnxVisionLanguageModel open(Path export, int intraOpThreads, int interOpThreads) {
        RuntimeOptions options = RuntimeOptions.defaults()
                .withIntraOpThreads(intraOpThreads)
                .withInterOpThreads(interOpThreads);
        return OnnxVisionLanguageModel.open(export, options);
    }
}
