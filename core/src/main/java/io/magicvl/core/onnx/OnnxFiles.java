package io.magicvl.core.onnx;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.StringStringEntryProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads ONNX model files written by magicvl (or others) without loading external data. */
public final class OnnxFiles {
    private OnnxFiles() {}

    /**
     * Parses {@code file}. External data stays on disk; only its location is read.
     *
     * @throws MagicvlException (invalid input) if the file is missing or is not an ONNX model
     */
    public static ModelProto read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("ONNX model not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot read " + file + " as an ONNX model: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites {@code file} with its {@code metadata_props} replaced by {@code metadata}; the
     * graph and its external data are untouched. Used to stamp provenance that is known only
     * after the graph was written.
     */
    public static void replaceMetadata(Path file, Map<String, String> metadata) {
        ModelProto.Builder model = read(file).toBuilder().clearMetadataProps();
        metadata.forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        io.magicvl.core.io.OutputPaths.writeAtomically(file, model.build().toByteArray());
    }

    /** Returns the {@code metadata_props} of {@code model} in file order. */
    public static Map<String, String> metadata(ModelProto model) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            entries.put(entry.getKey(), entry.getValue());
        }
        return entries;
    }

    /** Returns the external data file names that {@code model}'s initializers refer to. */
    public static Set<String> externalDataLocations(ModelProto model) {
        Set<String> locations = new TreeSet<>();
        for (TensorProto tensor : model.getGraph().getInitializerList()) {
            for (StringStringEntryProto entry : tensor.getExternalDataList()) {
                if (entry.getKey().equals("location")) {
                    locations.add(entry.getValue());
                }
            }
        }
        return locations;
    }
}
