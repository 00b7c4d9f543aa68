package io.magicvl.quantizer.calib;

import ai.onnxruntime.OrtException;
import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.core.onnx.proto.Onnx.TypeProto;
import io.magicvl.core.onnx.proto.Onnx.ValueInfoProto;
import io.magicvl.quantizer.onnx.GraphRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects {@link TensorStatistics} of intermediate float tensors of a graph over calibration
 * inputs: the tensors become extra graph outputs, a first pass over the inputs finds each
 * range and a second pass fills the histograms over that fixed range.
 */
public final class ActivationCollector {
    private ActivationCollector() {}

    /**
     * Returns statistics per tensor name for {@code tensors} of {@code model} (whose external data
     * is in {@code folder}) over {@code feeds}.
     */
    public static Map<String, TensorStatistics> collect(ModelProto model, Path folder, Set<String> tensors,
            List<Map<String, GraphRunner.Input>> feeds, int bins, int threads) throws OrtException {
        Map<String, TensorStatistics> statistics = new LinkedHashMap<>();
        if (tensors.isEmpty()) {
            return statistics;
        }
        ModelProto exposed = withOutputs(model, tensors);
        List<String> names = new ArrayList<>(tensors);
        for (String name : names) {
            statistics.put(name, new TensorStatistics());
        }
        try (GraphRunner runner = new GraphRunner(exposed, folder, threads)) {
            for (Map<String, GraphRunner.Input> feed : feeds) {
                Map<String, float[]> outputs = runner.run(feed, names);
                for (String name : names) {
                    statistics.get(name).addRange(outputs.get(name));
                }
            }
            for (Map<String, GraphRunner.Input> feed : feeds) {
                Map<String, float[]> outputs = runner.run(feed, names);
                for (String name : names) {
                    statistics.get(name).addHistogram(outputs.get(name), bins);
                }
            }
        }
        return statistics;
    }

    /** Returns {@code model} with the float tensors {@code names} added as graph outputs. */
    static ModelProto withOutputs(ModelProto model, Set<String> names) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        Set<String> existing = new java.util.HashSet<>();
        for (ValueInfoProto output : graph.getOutputList()) {
            existing.add(output.getName());
        }
        for (String name : names) {
            if (existing.contains(name)) {
                continue;
            }
            TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).build();
            graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)));
        }
        return model.toBuilder().setGraph(graph).build();
    }
}
