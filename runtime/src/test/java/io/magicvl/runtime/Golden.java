package io.magicvl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.testing.TestPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The reference outputs of the nano fixtures: F32 tensors and string metadata per image. */
public final class Golden {
    private final Map<String, float[]> tensors = new TreeMap<>();
    private final Map<String, long[]> shapes = new TreeMap<>();
    private final Map<String, String> metadata = new TreeMap<>();

    private Golden(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        JsonNode header = Json.MAPPER.readTree(new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLength;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode info = entry.getValue();
            if (!info.get("dtype").asText().equals("F32")) {
                throw new IOException("Expected F32 for " + entry.getKey());
            }
            long begin = info.get("data_offsets").get(0).asLong();
            long end = info.get("data_offsets").get(1).asLong();
            float[] values = new float[(int) ((end - begin) / 4)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(values);
            long[] shape = new long[info.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = info.get("shape").get(i).asLong();
            }
            tensors.put(entry.getKey(), values);
            shapes.put(entry.getKey(), shape);
        }
    }

    /** Returns the golden folder of the shared fixtures. */
    public static Path folder() {
        return TestPaths.shared().resolve("fixtures/golden");
    }

    public static Golden load(String fileName) {
        try {
            return new Golden(folder().resolve(fileName));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public float[] tensor(String name) {
        float[] values = tensors.get(name);
        if (values == null) {
            throw new IllegalArgumentException("No golden tensor " + name);
        }
        return values;
    }

    public long[] shape(String name) {
        return shapes.get(name);
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
}
