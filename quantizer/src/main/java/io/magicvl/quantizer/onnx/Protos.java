package io.magicvl.quantizer.onnx;

import com.google.protobuf.ByteString;
import io.magicvl.core.onnx.proto.Onnx.AttributeProto;
import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.OperatorSetIdProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.core.onnx.proto.Onnx.TensorShapeProto;
import io.magicvl.core.onnx.proto.Onnx.TypeProto;
import io.magicvl.core.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Factories for the ONNX messages the quantizer emits: nodes, attributes, small initializers
 * and value infos.
 *
 * <p>NOTE: kept apart from the converter's graph-building API so that the quantizer can move
 * to it without touching the rewrites.
 */
public final class Protos {
    /** The Microsoft contrib-operator domain (MatMulNBits, GatherBlockQuantized). */
    public static final String MS_DOMAIN = "com.microsoft";
    /** The default ONNX opset the quantizer's test graphs import; 21 is the first with block-wise DequantizeLinear. */
    public static final int ONNX_OPSET = 21;

    private Protos() {}

    /** Returns a node; {@code domain} is "" for standard operators. */
    public static NodeProto node(
            String opType, String domain, String name, List<String> inputs, List<String> outputs,
            AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(opType)
                .setDomain(domain)
                .setName(name)
                .addAllInput(inputs)
                .addAllOutput(outputs);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return node.build();
    }

    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /** Returns the integer attribute {@code name} of {@code node}, or {@code fallback} when absent. */
    public static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getI();
            }
        }
        return fallback;
    }

    /** Returns an fp32 initializer with inline little-endian raw data. */
    public static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return rawTensor(name, TensorProto.DataType.FLOAT, dims, bytes.array());
    }

    /** Returns an int64 initializer with inline raw data. */
    public static TensorProto longTensor(String name, long[] dims, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return rawTensor(name, TensorProto.DataType.INT64, dims, bytes.array());
    }

    /** Returns an initializer whose element bytes are {@code raw}, inline. */
    public static TensorProto rawTensor(String name, TensorProto.DataType type, long[] dims, byte[] raw) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.setRawData(ByteString.copyFrom(raw)).build();
    }

    /**
     * Returns a tensor value info; each dimension is a {@link Number} (fixed) or a {@link String}
     * (symbolic).
     */
    public static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Number number) {
                d.setDimValue(number.longValue());
            } else {
                d.setDimParam(dim.toString());
            }
            shape.addDim(d);
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** Returns a model of IR version 10 importing the ONNX opset {@link #ONNX_OPSET} and com.microsoft 1. */
    public static ModelProto model(GraphProto graph) {
        return ModelProto.newBuilder()
                .setIrVersion(10)
                .setProducerName("magicvl")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1))
                .setGraph(graph)
                .build();
    }

    /** Returns {@code model} with the com.microsoft opset imported (version 1) if it was not. */
    public static ModelProto withMicrosoftOpset(ModelProto model) {
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (opset.getDomain().equals(MS_DOMAIN)) {
                return model;
            }
        }
        return model.toBuilder()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1))
                .build();
    }

    /** Returns the version of the default-domain opset {@code model} imports, or 0. */
    public static long onnxOpset(ModelProto model) {
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
                return opset.getVersion();
            }
        }
        return 0;
    }
}
