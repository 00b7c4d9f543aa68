package io.magicvl.quantizer.graph;

import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.quantizer.math.BlockQuantized;
import io.magicvl.quantizer.onnx.Protos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits a {@code com.microsoft.MatMulNBits} node and its initializers for a block-quantized weight.
 *
 * <p>Initializers are named {@code <weight>_Q<bits>} (B), {@code <weight>_scales} and
 * {@code <weight>_zero_points}, so reports and overrides keep the checkpoint name.
 */
public final class MatMulNBitsEmitter {
    private MatMulNBitsEmitter() {}

    /** The node and the initializers that replace one MatMul. */
    public record Emitted(NodeProto node, List<TensorProto> initializers) {}

    /**
     * Returns a MatMulNBits computing {@code output = input x dequantize(weight)}.
     *
     * @param accuracyLevel the minimum accuracy of the input's compute type (0 = fp32, 4 = int8)
     */
    public static Emitted emit(
            String nodeName, String input, String output, String weightName, BlockQuantized weight,
            int accuracyLevel, io.magicvl.quantizer.onnx.TensorSink sink) {
        int blocks = weight.blocksPerColumn();
        List<TensorProto> initializers = new ArrayList<>();
        String packedName = weightName + "_Q" + weight.bits();
        String scalesName = weightName + "_scales";
        initializers.add(sink.put(
                packedName, TensorProto.DataType.UINT8,
                new long[] {weight.n(), blocks, weight.blobSize()}, weight.packed()));
        initializers.add(sink.put(
                scalesName, TensorProto.DataType.FLOAT, new long[] {(long) weight.n() * blocks},
                floatBytes(weight.scales())));
        List<String> inputs = new ArrayList<>(List.of(input, packedName, scalesName));
        if (weight.zeroPoints() != null) {
            String zeroPointName = weightName + "_zero_points";
            initializers.add(sink.put(
                    zeroPointName, TensorProto.DataType.UINT8, new long[] {weight.zeroPoints().length},
                    weight.zeroPoints()));
            inputs.add(zeroPointName);
        }
        NodeProto node = Protos.node(
                "MatMulNBits", Protos.MS_DOMAIN, nodeName, inputs, List.of(output),
                Protos.intAttribute("K", weight.k()),
                Protos.intAttribute("N", weight.n()),
                Protos.intAttribute("bits", weight.bits()),
                Protos.intAttribute("block_size", weight.blockSize()),
                Protos.intAttribute("accuracy_level", accuracyLevel));
        return new Emitted(node, initializers);
    }

    static byte[] floatBytes(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }
}
