package io.magicvl.quantizer.graph;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.onnx.proto.Onnx.ModelProto;
import io.magicvl.quantizer.calib.RangeCalibrator;
import io.magicvl.quantizer.onnx.ExternalDataWriter;
import io.magicvl.quantizer.onnx.InitializerData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a graph file of an export folder and writes its rewritten copy with its external data. */
public final class GraphFiles {
    private GraphFiles() {}

    /** Returns the graph in {@code file} without its external data (initializers only point at it). */
    public static ModelProto read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Graph file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw MagicvlException.invalidInput("Cannot parse " + file + " as an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes {@code model} to {@code file}. */
    public static void write(ModelProto model, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Rewrites graph {@code input} into {@code outputDir} under the same file name, with external
     * data in {@code <name>.data} beside it, and returns the result.
     */
    public static GraphRewriter.Result rewrite(Path input, Path outputDir, String component, WeightChooser chooser,
            Map<String, RangeCalibrator.Range> activationRanges) {
        ModelProto model = read(input);
        String fileName = input.getFileName().toString();
        Path output = outputDir.resolve(fileName);
        String dataName = fileName + ".data";
        GraphRewriter.Result result;
        try (InitializerData data = new InitializerData(input.toAbsolutePath().getParent());
                ExternalDataWriter writer = new ExternalDataWriter(outputDir.resolve(dataName), dataName,
                        ExternalDataWriter.DEFAULT_INLINE_LIMIT)) {
            result = new GraphRewriter(component, chooser, activationRanges, data, writer).rewrite(model);
            if (writer.size() == 0) {
                Files.deleteIfExists(outputDir.resolve(dataName));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the empty " + dataName, e);
        }
        write(result.model(), output);
        return result;
    }
}
