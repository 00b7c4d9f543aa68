package io.magicvl.core.onnx;

import com.google.protobuf.ByteString;
import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.OperatorSetIdProto;
import io.magicvl.core.onnx.proto.Onnx.StringStringEntryProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.core.onnx.proto.Onnx.TensorShapeProto;
import io.magicvl.core.onnx.proto.Onnx.TypeProto;
import io.magicvl.core.onnx.proto.Onnx.ValueInfoProto;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Builds one ONNX graph and writes it as {@code <name>.onnx}, streaming large initializers to
 * a single {@code <name>.onnx.data} file beside it while the graph is being built.
 *
 * <p>Initializers of at least {@link #externalThreshold} bytes go to the data file at 64-byte
 * aligned offsets; smaller ones stay inside the model. So the model proto stays small however
 * large the weights are, and no weight needs to be in memory longer than it takes to write it.
 * Nodes must be added in a valid execution order: {@link #save} checks that every input is a
 * graph input, an initializer or the output of an earlier node.
 *
 * <p>Not thread-safe. Close the builder if {@link #save} is not reached, to release the data file.
 */
public final class GraphBuilder implements Closeable {
    /** IR version written, the one that goes with opset 21. */
    public static final long IR_VERSION = 10;
    /** Version of the default ONNX operator set; ONNX Runtime 1.24.1 rejects 26. */
    public static final long DEFAULT_OPSET = 21;
    /** Version of the {@code com.microsoft} contrib operator set. */
    public static final long MICROSOFT_OPSET = 1;
    /** The contrib operator domain of ONNX Runtime. */
    public static final String MICROSOFT_DOMAIN = "com.microsoft";
    /** Default size from which an initializer goes to the external data file, in bytes. */
    public static final long DEFAULT_EXTERNAL_THRESHOLD = 1024;

    private final Path modelFile;
    private final String graphName;
    private long externalThreshold = DEFAULT_EXTERNAL_THRESHOLD;
    private ExternalDataWriter externalData;

    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final Set<String> valueNames = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();
    /** Names handed out by {@link #node} whose node has not been added yet. */
    private final Set<String> pendingNames = new HashSet<>();
    private final Map<String, String> constants = new HashMap<>();
    private final Set<String> domains = new HashSet<>();
    private long externalBytes;
    private boolean saved;

    private GraphBuilder(Path modelFile, String graphName) {
        this.modelFile = modelFile;
        this.graphName = graphName;
    }

    /**
     * Starts a graph that {@link #save} will write to {@code modelFile}; its external data file
     * is {@code modelFile} with {@code .data} appended.
     */
    public static GraphBuilder create(Path modelFile, String graphName) {
        return new GraphBuilder(modelFile.toAbsolutePath(), graphName);
    }

    /** Sets the size in bytes from which initializers are written to the external data file. */
    public GraphBuilder externalThreshold(long bytes) {
        if (!initializers.isEmpty()) {
            throw new IllegalStateException("Set the external data threshold before adding initializers");
        }
        this.externalThreshold = bytes;
        return this;
    }

    /** Returns the path of the external data file (which exists only if a large initializer was added). */
    public Path externalDataFile() {
        return modelFile.resolveSibling(modelFile.getFileName() + ".data");
    }

    /**
     * Returns the SHA-256 of the external data file as written so far (hashed while writing, so
     * callers need not read the file again), or null if it has not been created.
     */
    public String externalDataSha256() {
        return externalData == null ? null : externalData.sha256();
    }

    /** Returns the number of initializer bytes written to the external data file so far. */
    public long externalBytes() {
        return externalBytes;
    }

    /**
     * Declares a graph input. Each dimension is a {@link Number} (fixed size) or a {@link String}
     * (a named symbolic size such as {@code "batch"}).
     */
    public String input(String name, ElementType type, Object... dims) {
        claimValue(name, "graph input");
        inputs.add(valueInfo(name, type, dims));
        return name;
    }

    /** Declares that the value {@code name}, produced by a node, is a graph output. */
    public void output(String name, ElementType type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
    }

    /**
     * Adds an initializer and returns its name. Its bytes are written now: into the external
     * data file if there are at least {@link #externalThreshold} of them, else into the model.
     */
    public String initializer(String name, ElementType type, long[] dims, TensorData data) {
        long expected = type.byteLength(elementCount(dims));
        if (data.byteLength() != expected) {
            throw new IllegalArgumentException("Initializer " + name + " of " + type.label() + Arrays.toString(dims)
                    + " needs " + expected + " bytes but its data has " + data.byteLength());
        }
        claimValue(name, "initializer");
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.code());
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        try {
            if (expected >= externalThreshold) {
                writeExternal(name, tensor, data);
            } else {
                tensor.setRawData(inMemory(data));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write initializer " + name + " to " + externalDataFile(), e);
        }
        initializers.add(tensor.build());
        return name;
    }

    /** Returns a shared 1-D int64 constant (deduplicated by value), for shapes, axes and indices. */
    public String constantLongs(long... values) {
        String key = "int64" + Arrays.toString(values).replace(" ", "");
        return constants.computeIfAbsent(key, k -> initializer("/Constant/" + k, ElementType.INT64,
                new long[] {values.length}, TensorData.ofLongs(values)));
    }

    /** Returns a shared float32 scalar constant (deduplicated by bit pattern). */
    public String constantScalar(float value) {
        String key = "float32(" + value + ")";
        if (Float.isNaN(value)) {
            key = "float32(nan" + Integer.toHexString(Float.floatToRawIntBits(value)) + ")";
        }
        return constants.computeIfAbsent(key, k -> initializer("/Constant/" + k, ElementType.FLOAT,
                new long[0], TensorData.ofFloats(value)));
    }

    /** Returns a shared int64 scalar constant. */
    public String constantScalar(long value) {
        String key = "int64(" + value + ")";
        return constants.computeIfAbsent(key, k -> initializer("/Constant/" + k, ElementType.INT64,
                new long[0], TensorData.ofLongs(value)));
    }

    /**
     * Starts a node named {@code name}; by convention the name is the node's path in the model
     * followed by the operator, for example {@code /decoder/layers.3/attn/q_proj/MatMul}. If
     * the name is taken, {@code _1}, {@code _2}, ... is appended.
     */
    public NodeBuilder node(String name, String opType) {
        String unique = name;
        for (int i = 1; nodeNames.contains(unique) || pendingNames.contains(unique); i++) {
            unique = name + "_" + i;
        }
        pendingNames.add(unique);
        return new NodeBuilder(this, unique, opType);
    }

    void addNode(NodeProto node) {
        pendingNames.remove(node.getName());
        if (!nodeNames.add(node.getName())) {
            throw new IllegalArgumentException("Duplicate node name " + node.getName());
        }
        for (String output : node.getOutputList()) {
            if (!output.isEmpty()) {
                claimValue(output, "output of node " + node.getName());
            }
        }
        if (!node.getDomain().isEmpty()) {
            domains.add(node.getDomain());
        }
        nodes.add(node);
    }

    /**
     * Checks the graph: every node input is defined before the node, every graph output is
     * produced, and every node name is unique.
     *
     * @throws IllegalStateException naming the node and the missing value
     */
    public void checkTopologicalOrder() {
        Set<String> defined = new HashSet<>();
        inputs.forEach(v -> defined.add(v.getName()));
        initializers.forEach(t -> defined.add(t.getName()));
        for (NodeProto node : nodes) {
            for (String input : node.getInputList()) {
                if (!input.isEmpty() && !defined.contains(input)) {
                    throw new IllegalStateException("Graph " + graphName + ": node " + node.getName() + " ("
                            + node.getOpType() + ") reads '" + input
                            + "', which is not a graph input, an initializer or the output of an earlier node");
                }
            }
            node.getOutputList().forEach(defined::add);
        }
        for (ValueInfoProto output : outputs) {
            if (!defined.contains(output.getName())) {
                throw new IllegalStateException("Graph " + graphName + ": output '" + output.getName()
                        + "' is not produced by any node");
            }
        }
    }

    /**
     * Checks the graph, writes the model file with {@code metadata} in {@code metadata_props}
     * and closes the external data file. Returns the model file.
     */
    public Path save(Map<String, String> metadata) {
        if (saved) {
            throw new IllegalStateException("Graph " + graphName + " was already saved");
        }
        checkTopologicalOrder();
        ModelProto model = toModel(metadata);
        try {
            close();
            try (OutputStream out = Files.newOutputStream(modelFile)) {
                model.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + modelFile, e);
        }
        saved = true;
        return modelFile;
    }

    /** Builds the model proto without writing it (initializers already streamed stay external). */
    public ModelProto toModel(Map<String, String> metadata) {
        GraphProto.Builder graph = GraphProto.newBuilder()
                .setName(graphName)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .addAllInitializer(initializers)
                .addAllNode(nodes);
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("magicvl")
                .setProducerVersion(io.magicvl.core.Toolchain.version())
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(DEFAULT_OPSET));
        if (domains.contains(MICROSOFT_DOMAIN)) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MICROSOFT_DOMAIN).setVersion(MICROSOFT_OPSET));
        }
        new LinkedHashMap<>(metadata).forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }

    @Override
    public void close() throws IOException {
        if (externalData != null) {
            externalData.close();
        }
    }

    private void writeExternal(String name, TensorProto.Builder tensor, TensorData data) throws IOException {
        if (externalData == null) {
            externalData = new ExternalDataWriter(externalDataFile());
        }
        long offset = externalData.append(name, data);
        externalBytes += data.byteLength();
        tensor.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", externalDataFile().getFileName().toString()))
                .addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(data.byteLength())));
    }

    private static ByteString inMemory(TensorData data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) data.byteLength());
        data.writeTo(chunk -> {
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            bytes.write(copy);
        });
        return ByteString.copyFrom(bytes.toByteArray());
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private void claimValue(String name, String role) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Empty value name for " + role + " in graph " + graphName);
        }
        if (!valueNames.add(name)) {
            throw new IllegalArgumentException("Value name '" + name + "' (" + role + ") is already defined in graph "
                    + graphName);
        }
    }

    private static ValueInfoProto valueInfo(String name, ElementType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        StringJoiner bad = new StringJoiner(", ");
        for (Object dim : dims) {
            if (dim instanceof Number number) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(number.longValue()));
            } else if (dim instanceof String symbol) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(symbol));
            } else {
                bad.add(String.valueOf(dim));
            }
        }
        if (bad.length() > 0) {
            throw new IllegalArgumentException("Dimensions of " + name + " must be numbers or names, got " + bad);
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.code()).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    private static long elementCount(long[] dims) {
        long count = 1;
        for (long dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException("Negative dimension in " + Arrays.toString(dims));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }
}
