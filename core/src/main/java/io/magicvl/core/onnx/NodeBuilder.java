package io.magicvl.core.onnx;

import io.magicvl.core.onnx.proto.Onnx.AttributeProto;
import io.magicvl.core.onnx.proto.Onnx.NodeProto;

/**
 * One node being added to a {@link GraphBuilder}. Outputs are named {@code <node name>/output_<i>}
 * unless {@link #out(String)} gives a name (for graph outputs).
 */
public final class NodeBuilder {
    private final GraphBuilder graph;
    private final NodeProto.Builder node;

    NodeBuilder(GraphBuilder graph, String name, String opType) {
        this.graph = graph;
        this.node = NodeProto.newBuilder().setName(name).setOpType(opType);
    }

    /** Sets the operator domain, for example {@code com.microsoft}. */
    public NodeBuilder domain(String domain) {
        node.setDomain(domain);
        return this;
    }

    /** Appends inputs; an empty string marks an omitted optional input. */
    public NodeBuilder in(String... inputs) {
        for (String input : inputs) {
            node.addInput(input);
        }
        return this;
    }

    /** Adds attributes (see {@link Attributes}). */
    public NodeBuilder attr(AttributeProto... attributes) {
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return this;
    }

    /** Adds the node with one output named after it, and returns that output's name. */
    public String out() {
        return outs(1)[0];
    }

    /** Adds the node with one output called {@code name}, and returns the name. */
    public String out(String name) {
        node.addOutput(name);
        graph.addNode(node.build());
        return name;
    }

    /** Adds the node with {@code count} outputs named after it, and returns their names. */
    public String[] outs(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = node.getName() + "/output_" + i;
            node.addOutput(names[i]);
        }
        graph.addNode(node.build());
        return names;
    }

    /** Adds the node with outputs of the given names, and returns them. */
    public String[] outs(String... names) {
        for (String name : names) {
            node.addOutput(name);
        }
        graph.addNode(node.build());
        return names;
    }
}
