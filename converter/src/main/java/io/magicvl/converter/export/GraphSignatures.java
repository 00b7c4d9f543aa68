package io.magicvl.converter.export;

import io.magicvl.core.export.ExportManifest.TensorSignature;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.OnnxFiles;
import io.magicvl.core.onnx.proto.Onnx.TensorShapeProto;
import io.magicvl.core.onnx.proto.Onnx.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the input and output signatures of a graph file for the manifest. */
public final class GraphSignatures {
    private GraphSignatures() {}

    /** Returns the inputs of the graph in {@code file}. */
    public static List<TensorSignature> inputs(Path file) {
        return signatures(OnnxFiles.read(file).getGraph().getInputList());
    }

    /** Returns the outputs of the graph in {@code file}. */
    public static List<TensorSignature> outputs(Path file) {
        return signatures(OnnxFiles.read(file).getGraph().getOutputList());
    }

    private static List<TensorSignature> signatures(List<ValueInfoProto> values) {
        List<TensorSignature> signatures = new ArrayList<>();
        for (ValueInfoProto value : values) {
            List<Object> shape = new ArrayList<>();
            for (TensorShapeProto.Dimension dim : value.getType().getTensorType().getShape().getDimList()) {
                shape.add(dim.hasDimValue() ? (Object) dim.getDimValue() : dim.getDimParam());
            }
            String type = ElementType.fromCode(value.getType().getTensorType().getElemType()).label();
            signatures.add(new TensorSignature(value.getName(), type, shape));
        }
        return signatures;
    }
}
