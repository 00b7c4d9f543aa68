package io.magicvl.quantizer.sensitivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weights that sensitivity analysis quantizes together: every weight of one transformer layer
 * ({@code <prefix>layers.N.*}), or a single weight outside the layers.
 *
 * @param pattern the override glob that selects exactly these weights
 * @param weights the checkpoint names
 */
public record WeightGroup(String pattern, List<String> weights) {
    private static final Pattern LAYER = Pattern.compile("^(.*?layers\\.\\d+\\.)");

    /** Groups {@code names} by layer (in order of first appearance), one group per other weight. */
    public static List<WeightGroup> byLayer(List<String> names) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : names) {
            Matcher matcher = LAYER.matcher(name);
            String pattern = matcher.find() ? matcher.group(1) + "*" : name;
            groups.computeIfAbsent(pattern, p -> new ArrayList<>()).add(name);
        }
        List<WeightGroup> result = new ArrayList<>();
        groups.forEach((pattern, weights) -> result.add(new WeightGroup(pattern, List.copyOf(weights))));
        return result;
    }

    /** Returns one group per weight. */
    public static List<WeightGroup> byWeight(List<String> names) {
        return names.stream().map(name -> new WeightGroup(name, List.of(name))).toList();
    }
}
