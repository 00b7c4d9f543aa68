package io.magicvl.validator.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code compare} section of a recipe, or a standalone gates file with the same keys:
 * <pre>
 * compare:
 *   seed: 20260101          # bootstrap seed
 *   bootstrap: 2000         # replicates
 *   confidence: 0.95        # interval coverage
 *   rule: upper_bound       # default rule of gates that set none
 *   ocrbench.score: {max_drop: 10}
 *   hallusionbench.mean: {max_drop: 1.0, rule: point}
 * </pre>
 * A gate key is {@code <bench>.<metric>}; {@code max_drop} is in the metric's unit (points of
 * the OCRBench score, percentage points for HallusionBench).
 */
public record CompareSettings(long seed, int bootstrap, double confidence, Map<String, Gate> gates) {
    /** The default bootstrap seed. */
    public static final long DEFAULT_SEED = 20260101L;
    /** The default number of bootstrap replicates. */
    public static final int DEFAULT_BOOTSTRAP = 2000;
    /** The default interval coverage. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** A gate on one metric. */
    public record Gate(String key, double maxDrop, GateRule rule) {}

    /** Returns the defaults with no gates. */
    public static CompareSettings defaults() {
        return new CompareSettings(DEFAULT_SEED, DEFAULT_BOOTSTRAP, DEFAULT_CONFIDENCE, Map.of());
    }

    /**
     * Binds a recipe's {@code compare} section; Jackson calls this for
     * {@code Recipe.section("compare", CompareSettings.class)} because gate keys contain dots
     * and cannot be fields.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CompareSettings fromRecipeSection(JsonNode section) {
        return fromNode(section, "recipe section 'compare'");
    }

    /** Returns the recipe's {@code compare} section, or the defaults (no gates) when it has none. */
    public static CompareSettings fromRecipe(Recipe recipe) {
        return recipe.findSection("compare", CompareSettings.class).orElse(defaults());
    }

    /**
     * Reads a recipe (its {@code compare} section, through the recipe loader, which checks the
     * whole recipe) or a standalone gates file (the section's keys at the top level).
     */
    public static CompareSettings read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MagicvlException.invalidInput("Gates file not found: " + file + ".");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Cannot parse " + file + " as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw MagicvlException.invalidInput(file + " must be a YAML mapping with gates such as "
                    + "'ocrbench.score: {max_drop: 10}'.");
        }
        if (root.has("compare")) {
            return fromRecipe(Recipe.load(file));
        }
        return fromNode(root, file.toString());
    }

    /** Binds a {@code compare} section already parsed into a tree; {@code where} names it in errors. */
    public static CompareSettings fromNode(JsonNode section, String where) {
        if (section == null || !section.isObject()) {
            throw MagicvlException.invalidInput(where + ": the compare section must be a mapping.");
        }
        long seed = DEFAULT_SEED;
        int bootstrap = DEFAULT_BOOTSTRAP;
        double confidence = DEFAULT_CONFIDENCE;
        GateRule defaultRule = GateRule.UPPER_BOUND;
        Map<String, JsonNode> gateNodes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = section.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "seed" -> seed = requireNumber(value, where, key).longValue();
                case "bootstrap" -> bootstrap = requireNumber(value, where, key).intValue();
                case "confidence" -> confidence = requireNumber(value, where, key).doubleValue();
                case "rule" -> defaultRule = GateRule.parse(value.asText(), where + " rule");
                default -> {
                    if (!key.contains(".")) {
                        throw MagicvlException.invalidInput(where + ": unknown compare setting '" + key + "'. Use seed, "
                                + "bootstrap, confidence, rule, or a gate such as 'ocrbench.score'.");
                    }
                    gateNodes.put(key, value);
                }
            }
        }
        Map<String, Gate> gates = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : gateNodes.entrySet()) {
            gates.put(entry.getKey(), gate(entry.getKey(), entry.getValue(), defaultRule, where));
        }
        return new CompareSettings(seed, bootstrap, confidence, gates);
    }

    private static Gate gate(String key, JsonNode node, GateRule defaultRule, String where) {
        if (!node.isObject() || !node.has("max_drop") || !node.get("max_drop").isNumber()) {
            throw MagicvlException.invalidInput(where + ": gate '" + key + "' needs a numeric max_drop, for example "
                    + "'" + key + ": {max_drop: 1.0}'.");
        }
        double maxDrop = node.get("max_drop").doubleValue();
        if (maxDrop < 0) {
            throw MagicvlException.invalidInput(where + ": gate '" + key + "' has a negative max_drop " + maxDrop + ".");
        }
        GateRule rule = node.has("rule") ? GateRule.parse(node.get("rule").asText(), where + " gate " + key) : defaultRule;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("max_drop") && !name.equals("rule")) {
                throw MagicvlException.invalidInput(where + ": gate '" + key + "' has unknown setting '" + name
                        + "'; use max_drop and rule.");
            }
        }
        return new Gate(key, maxDrop, rule);
    }

    private static Number requireNumber(JsonNode value, String where, String key) {
        if (!value.isNumber()) {
            throw MagicvlException.invalidInput(where + ": " + key + " must be a number, found " + value + ".");
        }
        return value.numberValue();
    }
}
