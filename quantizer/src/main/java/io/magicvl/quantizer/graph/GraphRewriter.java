package io.magicvl.quantizer.graph;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.proto.Onnx.GraphProto;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;
import io.magicvl.core.onnx.proto.Onnx.TensorProto;
import io.magicvl.quantizer.calib.RangeCalibrator;
import io.magicvl.quantizer.math.BlockQuantizer;
import io.magicvl.quantizer.math.Int8Range;
import io.magicvl.quantizer.onnx.ExternalDataWriter;
import io.magicvl.quantizer.onnx.InitializerData;
import io.magicvl.quantizer.onnx.Protos;
import io.magicvl.quantizer.recipe.QuantizePlan.Role;
import io.magicvl.quantizer.recipe.SchemeKind;
import io.magicvl.quantizer.recipe.WeightScheme;
import io.magicvl.quantizer.report.WeightReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites one graph: every MatMul, Gather and Conv whose weight is a float initializer is
 * replaced by the pattern of the scheme its {@link WeightChooser} picks; every other
 * initializer is copied. New and copied tensors go to one external data file.
 *
 * <p>Patterns: int4-weight MatMul -> MatMulNBits; int8-weight MatMul -> DynamicQuantizeLinear
 * (one per activation) + MatMulInteger, or DequantizeLinear + MatMul; int8-static -> QDQ on the
 * activation and the weight; Gather -> GatherBlockQuantized (int4-weight) or Gather of int8
 * rows and their scales (int8-weight); Conv -> DequantizeLinear per output channel (every
 * integer scheme, as MatMulNBits has no convolution); fp16 -> the initializer stored as FLOAT16
 * and a Cast back to fp32 at the start of the graph, so computation stays fp32.
 */
public final class GraphRewriter {
    private static final Logger LOG = LoggerFactory.getLogger(GraphRewriter.class);

    private final String component;
    private final WeightChooser chooser;
    private final Map<String, RangeCalibrator.Range> activationRanges;
    private final InitializerData data;
    private final ExternalDataWriter writer;
    private final WeightWriter weights;

    private final List<NodeProto> prologue = new ArrayList<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> newInitializers = new ArrayList<>();
    private final Set<String> dynamicallyQuantized = new HashSet<>();
    private final Set<String> staticallyQuantized = new HashSet<>();
    private final Map<String, Integer> remainingUses = new HashMap<>();
    private final Set<String> fp16Done = new HashSet<>();
    private final List<WeightReport> reports = new ArrayList<>();

    /**
     * @param component the graph's component: vision, embed or decoder
     * @param activationRanges calibrated ranges by activation tensor name, needed for int8-static
     */
    public GraphRewriter(String component, WeightChooser chooser, Map<String, RangeCalibrator.Range> activationRanges,
            InitializerData data, ExternalDataWriter writer) {
        this.component = component;
        this.chooser = chooser;
        this.activationRanges = activationRanges;
        this.data = data;
        this.writer = writer;
        this.weights = new WeightWriter(data, writer);
    }

    /** The rewritten graph and a report per weight. */
    public record Result(ModelProto model, List<WeightReport> weights) {}

    /** Returns the activation tensors (MatMul and Conv inputs) that int8-static would quantize under {@code chooser}. */
    public static Set<String> staticActivations(ModelProto model, String component, WeightChooser chooser) {
        Map<String, TensorProto> initializers = initializersByName(model.getGraph());
        Map<String, TensorProto> weightSources = new HashMap<>(initializers);
        weightSources.putAll(castSources(model.getGraph(), initializers));
        Set<String> activations = new java.util.LinkedHashSet<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            Weight weight = weightOf(node, weightSources);
            if (weight != null && weight.role != Role.EMBEDDING
                    && chooser.schemeFor(component, weight.tensor.getName(), weight.role).kind() == SchemeKind.INT8_STATIC) {
                activations.add(node.getInput(0));
            }
        }
        return activations;
    }

    /** Rewrites {@code model}; its initializers are read through the constructor's data. */
    public Result rewrite(ModelProto model) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = initializersByName(graph);
        Map<String, TensorProto> castSources = castSources(graph, initializers);
        Map<String, Integer> castOutputUses = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String input : node.getInputList()) {
                if (initializers.containsKey(input)) {
                    remainingUses.merge(input, 1, Integer::sum);
                }
                if (castSources.containsKey(input)) {
                    castOutputUses.merge(input, 1, Integer::sum);
                }
            }
        }
        Map<String, TensorProto> weightSources = new HashMap<>(initializers);
        weightSources.putAll(castSources);
        for (NodeProto node : graph.getNodeList()) {
            Weight weight = weightOf(node, weightSources);
            if (weight == null) {
                nodes.add(node);
                continue;
            }
            WeightScheme scheme = chooser.schemeFor(component, weight.tensor.getName(), weight.role);
            boolean replaced = rewriteNode(node, weight, scheme);
            if (!replaced) {
                nodes.add(node);
            } else if (castSources.containsKey(weight.input)) {
                castOutputUses.merge(weight.input, -1, Integer::sum);
            } else {
                remainingUses.merge(weight.tensor.getName(), -1, Integer::sum);
            }
        }
        // Casts that only fed rewritten weights (fp16 exports) are no longer needed.
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto node : nodes) {
            if (node.getOpType().equals("Cast") && node.getOutputCount() == 1
                    && castSources.containsKey(node.getOutput(0)) && castOutputUses.get(node.getOutput(0)) == 0) {
                remainingUses.merge(node.getInput(0), -1, Integer::sum);
                continue;
            }
            kept.add(node);
        }
        GraphProto.Builder out = graph.toBuilder().clearNode().clearInitializer();
        out.addAllNode(prologue).addAllNode(kept);
        for (TensorProto initializer : graph.getInitializerList()) {
            int uses = remainingUses.getOrDefault(initializer.getName(), 0);
            boolean unusedBefore = !remainingUses.containsKey(initializer.getName());
            // An fp16 weight's name now belongs to its Cast output, so the float original must go.
            if ((uses > 0 || unusedBefore) && !fp16Done.contains(initializer.getName())) {
                out.addInitializer(writer.copy(initializer, data));
            }
        }
        out.addAllInitializer(newInitializers);
        ModelProto rewritten = model.toBuilder().setGraph(out).build();
        return new Result(Protos.withMicrosoftOpset(rewritten), List.copyOf(reports));
    }

    /** Returns the float initializer behind each {@code Cast(to=FLOAT)} of an initializer, by Cast output. */
    private static Map<String, TensorProto> castSources(GraphProto graph, Map<String, TensorProto> initializers) {
        Map<String, TensorProto> sources = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Cast") && node.getInputCount() == 1 && node.getOutputCount() == 1
                    && Protos.intAttribute(node, "to", 0) == TensorProto.DataType.FLOAT_VALUE) {
                TensorProto source = initializers.get(node.getInput(0));
                if (source != null && InitializerData.isFloat(source)) {
                    sources.put(node.getOutput(0), source);
                }
            }
        }
        return sources;
    }

    private boolean rewriteNode(NodeProto node, Weight weight, WeightScheme scheme) {
        TensorProto tensor = weight.tensor;
        String name = tensor.getName();
        long bytesBefore = InitializerData.elementCount(tensor) * (tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE ? 4 : 2);
        WeightWriter.Written written;
        String label = scheme.label();
        switch (scheme.kind()) {
            case FP32 -> {
                return false;
            }
            case FP16 -> {
                if (tensor.getDataType() == TensorProto.DataType.FLOAT16_VALUE) {
                    return false;
                }
                if (fp16Done.add(name)) {
                    written = weights.toFloat16(tensor);
                    newInitializers.addAll(written.initializers());
                    prologue.add(Protos.node("Cast", "", name + "/Cast", List.of(name + "_fp16"), List.of(name),
                            Protos.intAttribute("to", TensorProto.DataType.FLOAT_VALUE)));
                    report(name, label, written, bytesBefore);
                }
                // The Cast output keeps the initializer's name, so the node itself is unchanged.
                nodes.add(node);
                return true;
            }
            default -> { }
        }
        switch (weight.role) {
            case LINEAR -> written = rewriteLinear(node, tensor, scheme);
            case EMBEDDING -> written = rewriteEmbedding(node, tensor, scheme);
            case CONV -> {
                Int8Range range = scheme.kind() == SchemeKind.INT4_WEIGHT ? Int8Range.REDUCED : scheme.range();
                written = weights.perChannel(tensor, 0, range);
                NodeProto target = scheme.kind() == SchemeKind.INT8_STATIC ? readStaticActivation(node) : node;
                nodes.addAll(Int8Emitter.dequantizeNodes(target, 1, name, range, 0));
                label = scheme.kind() == SchemeKind.INT4_WEIGHT
                        ? "int8-weight " + range.id() + " dequantize (Conv has no 4-bit kernel)"
                        : label;
            }
            default -> throw new IllegalStateException("Unknown role " + weight.role);
        }
        newInitializers.addAll(written.initializers());
        report(name, label, written, bytesBefore);
        return true;
    }

    private WeightWriter.Written rewriteLinear(NodeProto node, TensorProto tensor, WeightScheme scheme) {
        String name = tensor.getName();
        String input = node.getInput(0);
        String output = node.getOutput(0);
        switch (scheme.kind()) {
            case INT4_WEIGHT -> {
                WeightWriter.Written written = weights.blockWiseColumns(tensor,
                        new BlockQuantizer(scheme.bits(), scheme.blockSize(), scheme.symmetric()));
                List<String> inputs = new ArrayList<>(List.of(input, name + "_Q" + scheme.bits(), name + "_scales"));
                if (!scheme.symmetric()) {
                    inputs.add(name + "_zero_points");
                }
                nodes.add(Protos.node("MatMulNBits", Protos.MS_DOMAIN, node.getName(), inputs, List.of(output),
                        Protos.intAttribute("K", tensor.getDims(0)),
                        Protos.intAttribute("N", tensor.getDims(1)),
                        Protos.intAttribute("bits", scheme.bits()),
                        Protos.intAttribute("block_size", scheme.blockSize()),
                        Protos.intAttribute("accuracy_level", scheme.accuracyLevel())));
                return written;
            }
            case INT8_WEIGHT -> {
                WeightWriter.Written written = weights.perChannel(tensor, 1, scheme.range());
                if (scheme.dynamicKernel()) {
                    if (dynamicallyQuantized.add(input)) {
                        nodes.add(Int8Emitter.dynamicQuantizeLinear(input));
                    }
                    nodes.addAll(Int8Emitter.dynamicNodes(node.getName(), input, output, name, scheme.range()));
                } else {
                    nodes.addAll(Int8Emitter.dequantizeNodes(node, 1, name, scheme.range(), 1));
                }
                return written;
            }
            case INT8_STATIC -> {
                WeightWriter.Written written = weights.perChannel(tensor, 1, scheme.range());
                nodes.addAll(Int8Emitter.dequantizeNodes(readStaticActivation(node), 1, name, scheme.range(), 1));
                return written;
            }
            default -> throw new IllegalStateException("Unhandled scheme " + scheme.kind());
        }
    }

    private WeightWriter.Written rewriteEmbedding(NodeProto node, TensorProto tensor, WeightScheme scheme) {
        String name = tensor.getName();
        String ids = node.getInput(1);
        String output = node.getOutput(0);
        long axis = Protos.intAttribute(node, "axis", 0);
        if (axis != 0) {
            throw MagicvlException.invalidInput("Gather " + node.getName() + " reads " + name + " along axis " + axis
                    + "; only row lookups (axis 0) can be quantized. Exclude it with an fp32 override.");
        }
        if (scheme.kind() == SchemeKind.INT4_WEIGHT) {
            long columns = tensor.getDims(1);
            if (columns % scheme.blockSize() != 0) {
                throw MagicvlException.invalidInput("Embedding " + name + " has rows of " + columns
                        + " values, not a multiple of block_size " + scheme.blockSize()
                        + "; choose a block size that divides it.");
            }
            WeightWriter.Written written = weights.blockWiseRows(tensor,
                    new BlockQuantizer(scheme.bits(), scheme.blockSize(), scheme.symmetric()));
            List<String> inputs = new ArrayList<>(List.of(name + "_Q" + scheme.bits(), ids, name + "_scales"));
            if (!scheme.symmetric()) {
                inputs.add(name + "_zero_points");
            }
            nodes.add(Protos.node("GatherBlockQuantized", Protos.MS_DOMAIN, node.getName(), inputs, List.of(output),
                    Protos.intAttribute("gather_axis", 0),
                    Protos.intAttribute("quantize_axis", 1),
                    Protos.intAttribute("block_size", scheme.blockSize()),
                    Protos.intAttribute("bits", scheme.bits())));
            return written;
        }
        if (scheme.kind() != SchemeKind.INT8_WEIGHT) {
            throw MagicvlException.invalidInput("Embedding " + name + " cannot use scheme " + scheme.kind().id()
                    + "; use fp32, fp16, int8-weight or int4-weight.");
        }
        WeightWriter.Written stored = weights.perChannel(tensor, 0, scheme.range());
        // The rows pattern subtracts the zero point as a float constant, so its tensor is not needed.
        WeightWriter.Written written = new WeightWriter.Written(stored.initializers().stream()
                .filter(t -> !t.getName().equals(name + "_zero_point")).toList(), stored.error(), stored.bytes());
        nodes.addAll(Int8Emitter.gatherRowsNodes(node.getName(), ids, output, name, scheme.range(), newInitializers));
        return written;
    }

    /**
     * Returns {@code node} reading its input 0 through QuantizeLinear -> DequantizeLinear with the
     * calibrated range, emitting that pair the first time the activation is seen.
     */
    private NodeProto readStaticActivation(NodeProto node) {
        String input = node.getInput(0);
        if (staticallyQuantized.add(input)) {
            RangeCalibrator.Range range = activationRanges.get(input);
            if (range == null) {
                throw new IllegalStateException("No calibrated range for activation " + input);
            }
            nodes.addAll(Int8Emitter.activationQdq(input, range.scale(), range.zeroPoint(), newInitializers));
        }
        return node.toBuilder().setInput(0, Int8Emitter.staticDequantizedName(input)).build();
    }

    private void report(String name, String label, WeightWriter.Written written, long bytesBefore) {
        double sqnr = written.error().sqnrDb();
        reports.add(new WeightReport(
                io.magicvl.quantizer.recipe.QuantizePlan.reportComponent(component, name), name, label,
                Double.isInfinite(sqnr) ? null : sqnr, written.error().maxAbs(), bytesBefore, written.bytes()));
        LOG.debug("{}: {} SQNR {} dB", name, label, String.format("%.1f", sqnr));
    }

    /** A float initializer a node uses as its weight, and the node input that reads it. */
    private record Weight(TensorProto tensor, Role role, String input) {}

    private static Weight weightOf(NodeProto node, Map<String, TensorProto> initializers) {
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            return null;
        }
        switch (node.getOpType()) {
            case "MatMul" -> {
                TensorProto tensor = floatInitializer(initializers, node, 1, 2);
                return tensor == null ? null : new Weight(tensor, Role.LINEAR, node.getInput(1));
            }
            case "Gather" -> {
                TensorProto tensor = floatInitializer(initializers, node, 0, 2);
                return tensor == null ? null : new Weight(tensor, Role.EMBEDDING, node.getInput(0));
            }
            case "Conv" -> {
                TensorProto tensor = floatInitializer(initializers, node, 1, 4);
                return tensor == null ? null : new Weight(tensor, Role.CONV, node.getInput(1));
            }
            default -> {
                return null;
            }
        }
    }

    private static TensorProto floatInitializer(Map<String, TensorProto> initializers, NodeProto node, int input, int rank) {
        if (node.getInputCount() <= input) {
            return null;
        }
        TensorProto tensor = initializers.get(node.getInput(input));
        if (tensor == null || !InitializerData.isFloat(tensor) || tensor.getDimsCount() != rank) {
            return null;
        }
        return tensor;
    }

    private static Map<String, TensorProto> initializersByName(GraphProto graph) {
        Map<String, TensorProto> byName = new LinkedHashMap<>();
        for (TensorProto tensor : graph.getInitializerList()) {
            byName.put(tensor.getName(), tensor);
        }
        return byName;
    }
}
