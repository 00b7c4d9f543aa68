package io.magicvl.quantizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.quantizer.calib.CalibrationMethod;
import io.magicvl.quantizer.recipe.QuantizePlan;
import io.magicvl.quantizer.report.ComponentError;
import io.magicvl.quantizer.report.WeightReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads and writes the parts of an export folder that quantize touches besides the graphs. */
final class ExportFolder {
    static final String MANIFEST = "manifest.json";

    private ExportFolder() {}

    static ObjectNode readManifest(Path exportDir) {
        Path file = exportDir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Not an export folder: " + exportDir + " has no " + MANIFEST
                    + ". Point quantize at the output of magicvl convert.");
        }
        try {
            JsonNode manifest = Json.MAPPER.readTree(file.toFile());
            if (!(manifest instanceof ObjectNode object) || !manifest.path("components").isObject()) {
                throw MagicvlException.invalidInput(file + " has no components object; re-run magicvl convert.");
            }
            return object;
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies every file except the manifest and the graphs with their external data. */
    static void copyOtherFiles(Path exportDir, Path out) {
        try (Stream<Path> files = Files.list(exportDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(MANIFEST) || name.endsWith(".onnx") || name.endsWith(".onnx.data")
                        || !Files.isRegularFile(file)) {
                    continue;
                }
                Files.copy(file, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the files of " + exportDir, e);
        }
    }

    /** Returns the size of a graph file plus its {@code .data} file. */
    static long graphBytes(Path graph) {
        try {
            long size = Files.size(graph);
            Path data = graph.resolveSibling(graph.getFileName() + ".data");
            return Files.isRegularFile(data) ? size + Files.size(data) : size;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + graph, e);
        }
    }

    /**
     * Returns a key that changes whenever the graph or its weights change: the SHA-256 of the graph
     * file and, for its data file, the SHA-256 the manifest lists or else its size and modification time.
     */
    static String graphKey(Path exportDir, JsonNode manifest, Path graph) {
        StringBuilder key = new StringBuilder(sha256(graph));
        Path data = graph.resolveSibling(graph.getFileName() + ".data");
        if (Files.isRegularFile(data)) {
            String listed = null;
            for (JsonNode file : manifest.path("files")) {
                if (file.path("path").asText().equals(data.getFileName().toString())) {
                    listed = file.path("sha256").asText(null);
                }
            }
            try {
                key.append(':').append(listed != null ? listed
                        : Files.size(data) + "@" + Files.getLastModifiedTime(data).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + data, e);
            }
        }
        return key.toString();
    }

    /** Records the scheme, the weight reports and the output error of a component in its manifest entry. */
    static void recordComponent(ObjectNode entry, String component, String scheme, List<WeightReport> weights,
            ComponentError error, QuantizePlan plan, CalibrationMethod calibration, String inputs) {
        if (weights.isEmpty()) {
            return;
        }
        Map<String, Integer> bySchemes = new TreeMap<>();
        for (WeightReport weight : weights) {
            bySchemes.merge(weight.scheme(), 1, Integer::sum);
        }
        entry.put("precision", bySchemes.size() == 1 && plan.section().overrides.isEmpty() ? scheme : "mixed");
        ObjectNode quantization = Json.MAPPER.createObjectNode();
        quantization.put("scheme", scheme);
        if (plan.section().components.containsKey(component)) {
            quantization.set("settings", Json.MAPPER.valueToTree(
                    io.magicvl.quantizer.recipe.WeightScheme.resolve(plan.section().components.get(component),
                            "quantize.components." + component).toJson()));
        }
        quantization.set("weights_by_scheme", Json.MAPPER.valueToTree(bySchemes));
        if (component.equals("embed") || component.equals("decoder")) {
            quantization.put("tied_embeddings", plan.sharedTiedEmbeddings() ? "shared" : "split");
        }
        if (calibration != null) {
            ObjectNode calibrationNode = quantization.putObject("calibration");
            calibrationNode.put("method", calibration.name());
            if (calibration.name().equals("percentile")) {
                calibrationNode.put("percentile", calibration.percentile());
            }
            calibrationNode.put("bins", calibration.bins());
            calibrationNode.put("inputs", inputs);
        }
        ArrayNode list = quantization.putArray("weights");
        for (WeightReport weight : weights) {
            list.add(Json.MAPPER.valueToTree(weight));
        }
        entry.set("quantization", quantization);
        entry.set("error", error == null ? null : Json.MAPPER.valueToTree(error));
    }

    /** Writes the manifest with the recipe and a fresh {@code files} list (size and SHA-256 of every other file). */
    static void writeManifest(ObjectNode manifest, Path out, ExportQuantizer.RecipeInfo recipe) {
        if (recipe != null) {
            ObjectNode recipeNode = manifest.putObject("recipe");
            recipeNode.put("name", recipe.name());
            recipeNode.put("sha256", recipe.sha256());
        }
        ArrayNode files = manifest.putArray("files");
        try (Stream<Path> listing = Files.list(out)) {
            for (Path file : listing.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(MANIFEST) || !Files.isRegularFile(file)) {
                    continue;
                }
                ObjectNode entry = files.addObject();
                entry.put("path", name);
                entry.put("size", Files.size(file));
                entry.put("sha256", sha256(file));
            }
            Files.write(out.resolve(MANIFEST), Json.PRETTY.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out.resolve(MANIFEST), e);
        }
    }

    /** Returns the hex SHA-256 of a file's bytes. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading updates the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
