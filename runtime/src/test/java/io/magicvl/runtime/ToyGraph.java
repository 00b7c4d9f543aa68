package io.magicvl.runtime;

import com.google.protobuf.ByteString;
import io.magicvl.core.onnx.proto.Onnx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal ONNX graph writer for the toy export of the runtime tests. */
final class ToyGraph {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName("toy");
    private int nodes;

    /** Declares an input; a dimension of -1 is symbolic. */
    ToyGraph input(String name, int type, long... dims) {
        graph.addInput(value(name, type, dims));
        return this;
    }

    ToyGraph output(String name, int type, long... dims) {
        graph.addOutput(value(name, type, dims));
        return this;
    }

    ToyGraph floats(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .addAllDims(java.util.Arrays.stream(dims).boxed().toList())
                .setRawData(ByteString.copyFrom(bytes.array())));
        return this;
    }

    ToyGraph longs(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(INT64)
                .addDims(values.length)
                .setRawData(ByteString.copyFrom(bytes.array())));
        return this;
    }

    ToyGraph scalarLong(String name, long value) {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(0, value);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(INT64)
                .setRawData(ByteString.copyFrom(bytes.array())));
        return this;
    }

    /** Adds a node; attributes are given as name/value pairs (Long, long[] or Float). */
    ToyGraph node(String op, String[] inputs, String output, Object... attributes) {
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder()
                .setOpType(op)
                .setName(op + "_" + nodes++)
                .addAllInput(java.util.List.of(inputs))
                .addOutput(output);
        for (int i = 0; i < attributes.length; i += 2) {
            Onnx.AttributeProto.Builder attribute = Onnx.AttributeProto.newBuilder().setName((String) attributes[i]);
            Object value = attributes[i + 1];
            if (value instanceof Long l) {
                attribute.setType(Onnx.AttributeProto.AttributeType.INT).setI(l);
            } else if (value instanceof long[] ints) {
                attribute.setType(Onnx.AttributeProto.AttributeType.INTS);
                for (long v : ints) {
                    attribute.addInts(v);
                }
            } else {
                throw new IllegalArgumentException("Unsupported attribute " + value);
            }
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return this;
    }

    void write(Path file) throws IOException {
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder()
                .setIrVersion(10)
                .setProducerName("magicvl-runtime-test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
        Files.write(file, model.toByteArray());
    }

    private static Onnx.ValueInfoProto value(String name, int type, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        int symbol = 0;
        for (long dim : dims) {
            shape.addDim(dim < 0
                    ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(name.replace('.', '_') + "_d" + symbol++)
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return Onnx.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(Onnx.TypeProto.newBuilder()
                        .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
                .build();
    }
}
