package io.magicvl.core.onnx;

import com.google.protobuf.ByteString;
import io.magicvl.core.onnx.proto.Onnx.AttributeProto;
import io.magicvl.core.onnx.proto.Onnx.AttributeProto.AttributeType;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import java.nio.charset.StandardCharsets;

/** Factories for node attributes. */
public final class Attributes {
    private Attributes() {}

    /** An INT attribute. */
    public static AttributeProto of(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    /** A FLOAT attribute. */
    public static AttributeProto of(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    /** A STRING attribute (UTF-8). */
    public static AttributeProto of(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8))
                .build();
    }

    /** An INTS attribute. */
    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder builder = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long value : values) {
            builder.addInts(value);
        }
        return builder.build();
    }

    /** A FLOATS attribute. */
    public static AttributeProto floats(String name, float... values) {
        AttributeProto.Builder builder = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float value : values) {
            builder.addFloats(value);
        }
        return builder.build();
    }

    /** A TENSOR attribute, for example the value of a {@code Constant} node. */
    public static AttributeProto of(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(value).build();
    }
}
