package io.magicvl.converter.graph;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.Attributes;
import io.magicvl.core.onnx.ElementType;
import io.magicvl.core.onnx.GraphBuilder;
import io.magicvl.core.onnx.TensorData;
import io.magicvl.core.onnx.proto.Onnx.AttributeProto;
import java.util.Arrays;

/**
 * The building blocks the component graphs share: linear layers, norms, reshapes, all named by
 * their path in the model. Matrices are stored in the export precision and cast to float32 in
 * the graph. Vectors (norm weights, biases) stay float32, so every computation runs in float32.
 */
final class Ops {
    private final GraphBuilder graph;
    private final Weights weights;
    private final ElementType matrixType;

    Ops(GraphBuilder graph, Weights weights, ElementType matrixType) {
        this.graph = graph;
        this.weights = weights;
        this.matrixType = matrixType;
    }

    GraphBuilder graph() {
        return graph;
    }

    Weights weights() {
        return weights;
    }

    /** Returns the element type matrices are stored in (float32 or float16). */
    ElementType matrixType() {
        return matrixType;
    }

    /** Returns a node output: {@code op} applied to {@code inputs}, named {@code path/op}. */
    String op(String path, String op, String... inputs) {
        return graph.node(path + "/" + op, op).in(inputs).out();
    }

    /** Same as {@link #op(String, String, String...)} with attributes. */
    String op(String path, String op, AttributeProto[] attributes, String... inputs) {
        return graph.node(path + "/" + op, op).in(inputs).attr(attributes).out();
    }

    /**
     * Returns {@code x W + b} for the checkpoint linear layer {@code weightName} ({@code [out, in]}),
     * stored transposed as a 2-D {@code [in, out]} initializer named after the tensor, and
     * {@code biasName} (null for none).
     */
    String linear(String path, String x, String weightName, String biasName) {
        long[] shape = matrixShape(weightName);
        return linear(path, x, weightName, WeightData.transposed(WeightData.rows(weights, weightName, shape[1]),
                shape[0], shape[1], matrixType), shape[1], shape[0], biasName);
    }

    /** Returns {@code x W + b} for a weight already given as {@code [in, out]} bytes in the matrix type. */
    String linear(String path, String x, String initializerName, TensorData inOut, long in, long out, String biasName) {
        String w = graph.initializer(initializerName, matrixType, new long[] {in, out}, inOut);
        String product = graph.node(path + "/MatMul", "MatMul").in(x, toFloat(path + "/weight", w)).out();
        if (biasName == null) {
            return product;
        }
        return graph.node(path + "/Add", "Add").in(product, vector(biasName)).out();
    }

    /** Returns the float32 initializer for the 1-D checkpoint tensor {@code name}. */
    String vector(String name) {
        long count = elementCount(name);
        return graph.initializer(name, ElementType.FLOAT, new long[] {count},
                WeightData.plain(weights, name, count, ElementType.FLOAT));
    }

    /** Returns an initializer of {@code name} with {@code dims} in the matrix type, cast to float32. */
    String tensor(String path, String name, long... dims) {
        long count = elementCount(name);
        if (count != Arrays.stream(dims).reduce(1, Math::multiplyExact)) {
            throw MagicvlException.invalidInput("Tensor " + name + " has shape " + Arrays.toString(weights.shape(name))
                    + " but the config implies " + Arrays.toString(dims));
        }
        String w = graph.initializer(name, matrixType, dims, WeightData.plain(weights, name, count, matrixType));
        return toFloat(path, w);
    }

    /** Returns LayerNormalization over the last axis with the checkpoint's weight and bias. */
    String layerNorm(String path, String x, String prefix, double eps) {
        return graph.node(path + "/LayerNormalization", "LayerNormalization")
                .in(x, vector(prefix + ".weight"), vector(prefix + ".bias"))
                .attr(Attributes.of("axis", -1L), Attributes.of("epsilon", (float) eps))
                .out();
    }

    /**
     * Returns RMSNorm over the last axis, {@code w * x / sqrt(mean(x^2) + eps)}, decomposed into
     * standard ops in float32.
     */
    String rmsNorm(String path, String x, String weightName, double eps) {
        String square = op(path, "Mul", x, x);
        String mean = graph.node(path + "/ReduceMean", "ReduceMean")
                .in(square, graph.constantLongs(-1))
                .attr(Attributes.of("keepdims", 1L))
                .out();
        String shifted = op(path, "Add", mean, graph.constantScalar((float) eps));
        String root = op(path, "Sqrt", shifted);
        String inverse = op(path, "Reciprocal", root);
        String normalized = graph.node(path + "/Mul_1", "Mul").in(x, inverse).out();
        return graph.node(path + "/Mul_2", "Mul").in(normalized, vector(weightName)).out();
    }

    /** Returns {@code x} reshaped to {@code shape} (0 copies a dimension, -1 infers one). */
    String reshape(String path, String x, long... shape) {
        return op(path, "Reshape", x, graph.constantLongs(shape));
    }

    /** Returns {@code x} with axes permuted. */
    String transpose(String path, String x, long... perm) {
        return graph.node(path + "/Transpose", "Transpose").in(x).attr(Attributes.ints("perm", perm)).out();
    }

    /** Returns GELU, exact ({@code "none"}) or tanh-approximated ({@code "tanh"}). */
    String gelu(String path, String x, String approximate) {
        return graph.node(path + "/Gelu", "Gelu").in(x).attr(Attributes.of("approximate", approximate)).out();
    }

    /** Returns the softmax over the last axis. */
    String softmax(String path, String x) {
        return graph.node(path + "/Softmax", "Softmax").in(x).attr(Attributes.of("axis", -1L)).out();
    }

    private String toFloat(String path, String w) {
        if (matrixType == ElementType.FLOAT) {
            return w;
        }
        return graph.node(path + "/Cast", "Cast").in(w).attr(Attributes.of("to", (long) ElementType.FLOAT.code())).out();
    }

    private long[] matrixShape(String name) {
        long[] shape = weights.shape(name);
        if (shape.length < 2) {
            throw MagicvlException.invalidInput("Tensor " + name + " has shape " + Arrays.toString(shape)
                    + " but a linear layer weight needs at least 2 dimensions");
        }
        long in = 1;
        for (int i = 1; i < shape.length; i++) {
            in = Math.multiplyExact(in, shape[i]);
        }
        return new long[] {shape[0], in};
    }

    private long elementCount(String name) {
        long count = 1;
        for (long dim : weights.shape(name)) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }
}
