package io.magicvl.device.bench;

import io.magicvl.runtime.VisionLanguageModel;
import java.lang.reflect.Method;
import java.nio.file.Path;

/** Opens an export folder with the runtime module's ONNX Runtime implementation. */
final class ModelLoader {
    private ModelLoader() {}

    static VisionLanguageModel open(Path export, int intraOpThreads, int interOpThreads) {
        // TODO: call OnnxVisionLanguageModel.open directly once the runtime implementation is on main.
        try {
            Class<?> type = Class.forName("io.magicvl.runtime.OnnxVisionLanguageModel");
            for (Method method : type.getMethods()) {
                if (method.getName().equals("open") && method.getParameterCount() == 1) {
                    return (VisionLanguageModel) method.invoke(null, export);
                }
            }
            throw new IllegalStateException("io.magicvl.runtime.OnnxVisionLanguageModel has no open(Path)");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the runtime implementation is not on the classpath: " + e, e);
        }
    }
}
