package io.magicvl.runtime;

import io.magicvl.core.safetensors.SafetensorsFile;
import io.magicvl.core.testing.TestPaths;
import java.nio.file.Path;
import java.util.Map;

/** The reference outputs of the nano fixtures: F32 tensors and string metadata per image. */
public final class Golden implements AutoCloseable {
    private final SafetensorsFile file;
    private final Map<String, String> metadata;

    private Golden(Path path) {
        this.file = SafetensorsFile.open(path);
        this.metadata = file.metadata();
    }

    /** Returns the golden folder of the shared fixtures. */
    public static Path folder() {
        return TestPaths.shared().resolve("fixtures/golden");
    }

    /** Opens {@code fileName} in the golden folder. */
    public static Golden load(String fileName) {
        return new Golden(folder().resolve(fileName));
    }

    public float[] tensor(String name) {
        return file.readFloats(name);
    }

    public long[] shape(String name) {
        return file.info(name).shape();
    }

    public String metadata(String key) {
        return metadata.get(key);
    }

    /** Returns the number of images, counting {@code i{n}.image} metadata entries. */
    public int images() {
        int n = 0;
        while (metadata.containsKey("i" + n + ".image")) {
            n++;
        }
        return n;
    }

    /** Returns the image file of image {@code n}. */
    public Path image(int n) {
        return folder().resolve("images").resolve(metadata("i" + n + ".image"));
    }

    /** Returns tensor {@code name} of image {@code n} as integers (ids are stored as F32). */
    public long[] ids(int n, String name) {
        float[] values = tensor("i" + n + "." + name);
        long[] ids = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            ids[i] = Math.round(values[i]);
        }
        return ids;
    }

    @Override
    public void close() {
        file.close();
    }
}
