package io.magicvl.quantizer.graph;

import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.quantizer.math.ChannelQuantized;
import io.magicvl.quantizer.math.Int8Range;
import io.magicvl.quantizer.onnx.Protos;
import io.magicvl.quantizer.onnx.TensorSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Emits the node patterns that replace {@code Y = MatMul(A, W)} (or a Conv, or a Gather) for an
 * 8-bit per-channel weight stored as {@code <W>_quantized}, {@code <W>_scale} and, for unsigned
 * ranges, {@code <W>_zero_point}.
 *
 * <ul>
 *   <li>dynamic: DynamicQuantizeLinear(A) -> MatMulInteger -> Cast -> Mul by (scale of A x
 *       per-column scales of W). ONNX Runtime fuses it into DynamicQuantizeMatMul, 1.3-1.9x
 *       faster than fp32 for prefill-sized products on AVX2 (measured with ORT 1.24.1).
 *       Activations are quantized per tensor at run time, so no calibration is needed.
 *   <li>dequantize: DequantizeLinear(W) per axis -> MatMul. Exact up to the weight rounding,
 *       but the weight is dequantized on every run, so it only saves space.
 *   <li>static QDQ: QuantizeLinear/DequantizeLinear on A with a calibrated scale, and
 *       DequantizeLinear on W, -> MatMul. ONNX Runtime fuses it into MatMulIntegerToFloat.
 *   <li>gather rows: Gather of the int8 rows and of their scales, Cast, Mul.
 * </ul>
 */
public final class Int8Emitter {
    private Int8Emitter() {}

    /** The nodes and initializers that replace one node, for single-node graphs and tests. */
    public record Emitted(List<NodeProto> nodes, List<TensorProto> initializers) {}

    /** Returns the names of the DynamicQuantizeLinear outputs for activation {@code input}. */
    public static List<String> dynamicQuantizedNames(String input) {
        return List.of(input + "_quantized", input + "_scale", input + "_zero_point");
    }

    /** Returns the DynamicQuantizeLinear node for {@code input}; one serves every MatMul reading it. */
    public static NodeProto dynamicQuantizeLinear(String input) {
        return Protos.node("DynamicQuantizeLinear", "", input + "/DynamicQuantizeLinear",
                List.of(input), dynamicQuantizedNames(input));
    }

    /** Returns MatMulInteger -> Cast -> Mul for an activation quantized by {@link #dynamicQuantizeLinear}. */
    public static List<NodeProto> dynamicNodes(
            String nodeName, String input, String output, String weightName, Int8Range range) {
        List<String> quantizedInput = dynamicQuantizedNames(input);
        List<String> matMulInputs = new ArrayList<>(List.of(
                quantizedInput.get(0), weightName + "_quantized", quantizedInput.get(2)));
        if (range.zeroPoint() != 0) {
            matMulInputs.add(weightName + "_zero_point");
        }
        String integerOutput = nodeName + "/MatMulInteger_output";
        String floatOutput = nodeName + "/Cast_output";
        String scaleOutput = nodeName + "/scale";
        return List.of(
                Protos.node("MatMulInteger", "", nodeName + "/MatMulInteger", matMulInputs, List.of(integerOutput)),
                Protos.node("Cast", "", nodeName + "/Cast", List.of(integerOutput), List.of(floatOutput),
                        Protos.intAttribute("to", TensorProto.DataType.FLOAT_VALUE)),
                Protos.node("Mul", "", nodeName + "/ScaleMul", List.of(quantizedInput.get(1), weightName + "_scale"),
                        List.of(scaleOutput)),
                Protos.node("Mul", "", nodeName + "/Mul", List.of(floatOutput, scaleOutput), List.of(output)));
    }

    /**
     * Returns DequantizeLinear(W) along {@code axis} followed by {@code original} reading the
     * dequantized weight at input {@code weightInput}; the node keeps its attributes.
     */
    public static List<NodeProto> dequantizeNodes(
            NodeProto original, int weightInput, String weightName, Int8Range range, int axis) {
        String dequantized = weightName + "_dequantized";
        List<String> inputs = new ArrayList<>(List.of(weightName + "_quantized", weightName + "_scale"));
        if (range.zeroPoint() != 0) {
            inputs.add(weightName + "_zero_point");
        }
        NodeProto dequantize = Protos.node("DequantizeLinear", "", weightName + "/DequantizeLinear", inputs,
                List.of(dequantized), Protos.intAttribute("axis", axis));
        return List.of(dequantize, original.toBuilder().setInput(weightInput, dequantized).build());
    }

    /** Returns the name of the QuantizeLinear -> DequantizeLinear output for activation {@code input}. */
    public static String staticDequantizedName(String input) {
        return input + "_qdq";
    }

    /**
     * Returns QuantizeLinear -> DequantizeLinear on activation {@code input} with a u8 scale and
     * zero point, adding their initializers to {@code initializers}. One pair serves every node
     * that reads the activation.
     */
    public static List<NodeProto> activationQdq(String input, float scale, int zeroPoint, List<TensorProto> initializers) {
        String scaleName = input + "_activation_scale";
        String zeroPointName = input + "_activation_zero_point";
        initializers.add(Protos.floatTensor(scaleName, new long[0], new float[] {scale}));
        initializers.add(Protos.rawTensor(zeroPointName, TensorProto.DataType.UINT8, new long[0],
                new byte[] {(byte) zeroPoint}));
        String quantized = input + "_activation_quantized";
        return List.of(
                Protos.node("QuantizeLinear", "", input + "/QuantizeLinear",
                        List.of(input, scaleName, zeroPointName), List.of(quantized)),
                Protos.node("DequantizeLinear", "", input + "/DequantizeLinear",
                        List.of(quantized, scaleName, zeroPointName), List.of(staticDequantizedName(input))));
    }

    /**
     * Returns Gather of int8 rows and of their scales, Cast, (minus the zero point) and Mul: the
     * dequantized rows of an embedding table quantized per row. Adds its constants to {@code initializers}.
     */
    public static List<NodeProto> gatherRowsNodes(
            String nodeName, String ids, String output, String tableName, Int8Range range, List<TensorProto> initializers) {
        String rows = nodeName + "/rows";
        String scales = nodeName + "/row_scales";
        String axes = nodeName + "/axes";
        String scalesColumn = nodeName + "/row_scales_column";
        String rowsFloat = nodeName + "/rows_float";
        initializers.add(Protos.longTensor(axes, new long[] {1}, new long[] {-1}));
        List<NodeProto> nodes = new ArrayList<>(List.of(
                Protos.node("Gather", "", nodeName + "/GatherRows", List.of(tableName + "_quantized", ids), List.of(rows),
                        Protos.intAttribute("axis", 0)),
                Protos.node("Gather", "", nodeName + "/GatherScales", List.of(tableName + "_scale", ids), List.of(scales),
                        Protos.intAttribute("axis", 0)),
                Protos.node("Unsqueeze", "", nodeName + "/Unsqueeze", List.of(scales, axes), List.of(scalesColumn)),
                Protos.node("Cast", "", nodeName + "/Cast", List.of(rows), List.of(rowsFloat),
                        Protos.intAttribute("to", TensorProto.DataType.FLOAT_VALUE))));
        String centered = rowsFloat;
        if (range.zeroPoint() != 0) {
            String zeroPoint = nodeName + "/zero_point";
            centered = nodeName + "/rows_centered";
            initializers.add(Protos.floatTensor(zeroPoint, new long[0], new float[] {range.zeroPoint()}));
            nodes.add(Protos.node("Sub", "", nodeName + "/Sub", List.of(rowsFloat, zeroPoint), List.of(centered)));
        }
        nodes.add(Protos.node("Mul", "", nodeName + "/Mul", List.of(centered, scalesColumn), List.of(output)));
        return nodes;
    }

    /** Returns the initializers of a quantized weight in the names the patterns above read. */
    public static List<TensorProto> weightInitializers(String weightName, ChannelQuantized weight, TensorSink sink) {
        Int8Range range = weight.range();
        TensorProto.DataType type = range.signed() ? TensorProto.DataType.INT8 : TensorProto.DataType.UINT8;
        int channels = weight.scales().length;
        List<TensorProto> initializers = new ArrayList<>();
        initializers.add(sink.put(weightName + "_quantized", type, weight.shape(), weight.values()));
        initializers.add(sink.put(weightName + "_scale", TensorProto.DataType.FLOAT, new long[] {channels},
                WeightWriter.floatBytes(weight.scales())));
        if (range.zeroPoint() != 0) {
            byte[] zeroPoints = new byte[channels];
            Arrays.fill(zeroPoints, (byte) range.zeroPoint());
            initializers.add(sink.put(weightName + "_zero_point", type, new long[] {channels}, zeroPoints));
        }
        return initializers;
    }

    /** Returns the dynamic pattern with its DynamicQuantizeLinear, for a single MatMul. */
    public static Emitted dynamic(
            String nodeName, String input, String output, String weightName, ChannelQuantized weight, TensorSink sink) {
        List<NodeProto> nodes = new ArrayList<>();
        nodes.add(dynamicQuantizeLinear(input));
        nodes.addAll(dynamicNodes(nodeName, input, output, weightName, weight.range()));
        return new Emitted(nodes, weightInitializers(weightName, weight, sink));
    }

    /** Returns the dequantize pattern for a single node. */
    public static Emitted dequantize(
            NodeProto original, int weightInput, String weightName, ChannelQuantized weight, TensorSink sink) {
        return new Emitted(dequantizeNodes(original, weightInput, weightName, weight.range(), weight.axis()),
                weightInitializers(weightName, weight, sink));
    }
}
