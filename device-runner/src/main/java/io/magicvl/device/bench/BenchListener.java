package io.magicvl.device.bench;

/** Hooks into a bench's progress, for progress output and for tests that inject events. */
public interface BenchListener {

    /** Called before attempt {@code attempt} (1-based) of run {@code run} (0-based) of {@code model} starts. */
    default void attemptStarting(String model, int run, int attempt) {}

    /** Called after an attempt finished; {@code valid} is false when it was discarded. */
    default void attemptFinished(String model, int run, int attempt, boolean valid) {}

    /** No-op listener. */
    BenchListener NONE = new BenchListener() {};
}
