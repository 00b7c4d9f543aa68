package io.magicvl.quantizer.report;

import ai.onnxruntime.OrtException;
import io.magicvl.quantizer.math.ErrorStats;
import io.magicvl.quantizer.onnx.GraphRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a component's output before and after quantization on the same inputs. The float
 * outputs are computed once and reused for every quantized candidate.
 */
public final class ErrorEvaluator {
    private final String output;
    private final List<Map<String, GraphRunner.Input>> feeds;
    private final List<float[]> reference = new ArrayList<>();
    private final int vocabulary;

    /**
     * Runs the float graph on {@code feeds}.
     *
     * @param vocabulary the logits' last dimension for a decoder (enables top-1 and KL), else 0
     */
    public ErrorEvaluator(GraphRunner floatGraph, String output, List<Map<String, GraphRunner.Input>> feeds,
            int vocabulary) throws OrtException {
        this.output = output;
        this.feeds = feeds;
        this.vocabulary = vocabulary;
        for (Map<String, GraphRunner.Input> feed : feeds) {
            reference.add(floatGraph.run(feed, List.of(output)).get(output));
        }
    }

    /** Returns the error of {@code quantized}'s output; {@code inputs} describes how the inputs were made. */
    public ComponentError evaluate(GraphRunner quantized, String inputs) throws OrtException {
        ErrorStats stats = new ErrorStats();
        long positions = 0;
        long agreements = 0;
        double divergence = 0;
        for (int i = 0; i < feeds.size(); i++) {
            float[] expected = reference.get(i);
            float[] actual = quantized.run(feeds.get(i), List.of(output)).get(output);
            stats.add(expected, actual);
            if (vocabulary > 0) {
                for (int offset = 0; offset + vocabulary <= expected.length; offset += vocabulary) {
                    if (argMax(expected, offset, vocabulary) == argMax(actual, offset, vocabulary)) {
                        agreements++;
                    }
                    divergence += klDivergence(expected, actual, offset, vocabulary);
                    positions++;
                }
            }
        }
        double sqnr = stats.sqnrDb();
        return new ComponentError(output, feeds.size(), inputs, stats.cosine(), stats.maxAbs(),
                Double.isInfinite(sqnr) ? null : sqnr,
                vocabulary > 0 ? (double) agreements / positions : null,
                vocabulary > 0 ? divergence / positions : null);
    }

    static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Returns KL(softmax(p) || softmax(q)) over one row of logits, in nats. */
    static double klDivergence(float[] p, float[] q, int offset, int length) {
        double maxP = Double.NEGATIVE_INFINITY;
        double maxQ = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            maxP = Math.max(maxP, p[offset + i]);
            maxQ = Math.max(maxQ, q[offset + i]);
        }
        double sumP = 0;
        double sumQ = 0;
        for (int i = 0; i < length; i++) {
            sumP += Math.exp(p[offset + i] - maxP);
            sumQ += Math.exp(q[offset + i] - maxQ);
        }
        double logZp = maxP + Math.log(sumP);
        double logZq = maxQ + Math.log(sumQ);
        double divergence = 0;
        for (int i = 0; i < length; i++) {
            double logP = p[offset + i] - logZp;
            double logQ = q[offset + i] - logZq;
            divergence += Math.exp(logP) * (logP - logQ);
        }
        return Math.max(0, divergence);
    }
}
