package io.magicvl.core.model;

import io.magicvl.core.MagicvlException;
import io.magicvl.core.tensor.TensorInfo;
import io.magicvl.core.tensor.TensorSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tensor name and shape a {@link ModelConfig} implies, expanded from the architecture's
 * tensor table, and the check of a checkpoint against them.
 */
public final class ModelLayout {
    /** Problems listed in one error message before the rest are summarized. */
    private static final int MAX_LISTED_PROBLEMS = 20;

    private final ModelConfig config;
    private final Map<String, ExpectedTensor> expected;

    ModelLayout(ModelConfig config) {
        this.config = config;
        Map<String, ExpectedTensor> tensors = new LinkedHashMap<>();
        for (TensorRule rule : TensorTables.forConfig(config)) {
            if (!rule.appliesWhen().test(config)) {
                continue;
            }
            long[] shape = rule.shape().apply(config);
            boolean required = !rule.optionalWhen().test(config);
            int layers = rule.layerCount(config);
            for (int i = 0; i < layers; i++) {
                String name = rule.pattern().replace("{i}", Integer.toString(i));
                tensors.put(name, new ExpectedTensor(name, rule.component(), shape, rule.init(), required));
            }
        }
        this.expected = Collections.unmodifiableMap(tensors);
    }

    /** Returns the config this layout was built from. */
    public ModelConfig config() {
        return config;
    }

    /**
     * Returns every tensor the config implies, optional ones included, in table order
     * (vision, projector, decoder; layers in index order).
     */
    public List<ExpectedTensor> expected() {
        return List.copyOf(expected.values());
    }

    /** Returns the tensors a checkpoint of this config must store, in table order. */
    public List<ExpectedTensor> required() {
        return expected.values().stream().filter(ExpectedTensor::required).toList();
    }

    /** Returns the expected tensor called {@code name}, if the config implies one. */
    public Optional<ExpectedTensor> find(String name) {
        return Optional.ofNullable(expected.get(name));
    }

    /** Returns the component of tensor {@code name}, if the config implies it. */
    public Optional<Component> componentOf(String name) {
        return find(name).map(ExpectedTensor::component);
    }

    /** Returns the parameter count of the required tensors per component. */
    public Map<Component, Long> requiredParameters() {
        Map<Component, Long> counts = new EnumMap<>(Component.class);
        for (ExpectedTensor tensor : required()) {
            counts.merge(tensor.component(), tensor.elementCount(), Long::sum);
        }
        return counts;
    }

    /**
     * Checks {@code source} against this layout: every stored tensor must be expected and have
     * the expected shape, and every required tensor must be stored.
     */
    public LayoutCheck check(TensorSource source) {
        Map<String, Component> assignment = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (TensorInfo info : source.tensors()) {
            ExpectedTensor expectedTensor = expected.get(info.name());
            if (expectedTensor == null) {
                problems.add(source.fileOf(info.name()).getFileName() + ": tensor '" + info.name() + "' "
                        + info.shapeText() + " is not part of a " + config.architecture() + " model"
                        + " (remove it, or check that config.json describes these weights)");
                continue;
            }
            assignment.put(info.name(), expectedTensor.component());
            if (!Arrays.equals(info.shape(), expectedTensor.shape())) {
                problems.add(source.fileOf(info.name()).getFileName() + ": tensor '" + info.name() + "' has shape "
                        + info.shapeText() + " but " + config.source().getFileName() + " implies "
                        + expectedTensor.shapeText());
            }
        }
        for (ExpectedTensor expectedTensor : expected.values()) {
            if (expectedTensor.required() && !source.contains(expectedTensor.name())) {
                problems.add("tensor '" + expectedTensor.name() + "' " + expectedTensor.shapeText() + " (" + expectedTensor.component().id()
                        + ") is missing");
            }
        }
        return new LayoutCheck(source.location(), assignment, problems);
    }

    /** The outcome of {@link #check}: each stored tensor's component and any problems found. */
    public record LayoutCheck(String location, Map<String, Component> assignment, List<String> problems) {
        public LayoutCheck {
            assignment = Collections.unmodifiableMap(assignment);
            problems = List.copyOf(problems);
        }

        /** Returns true if no problem was found. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /**
         * Throws if any problem was found, listing each on its own line.
         *
         * @throws MagicvlException (invalid input) naming the checkpoint, each tensor, expected and actual shape
         */
        public LayoutCheck requireOk() {
            if (problems.isEmpty()) {
                return this;
            }
            StringBuilder message = new StringBuilder("The weights in " + location + " do not match their config.json ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
            for (int i = 0; i < Math.min(problems.size(), MAX_LISTED_PROBLEMS); i++) {
                message.append("\n  ").append(problems.get(i));
            }
            if (problems.size() > MAX_LISTED_PROBLEMS) {
                message.append("\n  ... and ").append(problems.size() - MAX_LISTED_PROBLEMS).append(" more");
            }
            message.append("\nUse the config.json that was saved with these weights.");
            throw MagicvlException.invalidInput(message.toString());
        }
    }
}
