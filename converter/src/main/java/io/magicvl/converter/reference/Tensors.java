package io.magicvl.converter.reference;

import io.magicvl.core.MagicvlException;

/** Reads checkpoint tensors with their expected element count checked. */
final class Tensors {
    private Tensors() {}

    /**
     * Reads {@code name} and checks that it has {@code expected} elements.
     *
     * @throws MagicvlException (invalid input) if the tensor is missing or has another size
     */
    static float[] read(WeightSource weights, String name, long expected) {
        if (!weights.contains(name)) {
            throw MagicvlException.invalidInput("Checkpoint tensor " + name
                    + " is missing; check that the config matches the weights");
        }
        float[] values = weights.floats(name);
        if (values.length != expected) {
            throw MagicvlException.invalidInput("Checkpoint tensor " + name + " has "
                    + values.length + " elements, but the config implies " + expected
                    + "; check that the config matches the weights");
        }
        return values;
    }

    /** Reads {@code name} if it exists, else returns null. */
    static float[] readOptional(WeightSource weights, String name, long expected) {
        return weights.contains(name) ? read(weights, name, expected) : null;
    }
}
