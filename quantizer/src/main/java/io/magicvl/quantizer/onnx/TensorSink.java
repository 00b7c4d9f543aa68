package io.magicvl.quantizer.onnx;

import io.magicvl.core.onnx.proto.Onnx.TensorProto;

/** Where a rewrite puts the initializers it creates: inline in the graph or in an external data file. */
public interface TensorSink {

    /** Stores {@code raw} (little-endian element bytes) and returns the initializer that refers to it. */
    TensorProto put(String name, TensorProto.DataType type, long[] dims, byte[] raw);

    /** A sink that keeps every tensor inline as raw_data, for small graphs and tests. */
    TensorSink INLINE = Protos::rawTensor;
}
