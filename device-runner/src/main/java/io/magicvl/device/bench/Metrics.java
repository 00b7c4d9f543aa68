package io.magicvl.device.bench;

import java.util.List;
import java.util.Set;

/** Names of the benchmark metrics, as used in reports, limits and gates. */
public final class Metrics {
    /** Vision encoder time per image in seconds (preprocessing excluded); per image size. */
    public static final String VISION_LATENCY = "vision_latency_s";
    /** Prefill time in seconds of the prompt with the image's tokens; per image size. */
    public static final String PREFILL = "prefill_s";
    /** Generated tokens per second after the first token; per image size. */
    public static final String DECODE_TOKENS_PER_S = "decode_tokens_per_s";
    /** Peak resident memory of the benchmark process in MiB (VmHWM). */
    public static final String PEAK_MEMORY = "peak_memory_mb";
    /** Time to create the model's sessions in seconds. */
    public static final String MODEL_LOAD = "model_load_s";
    /** Energy above idle per answered image in joules. */
    public static final String ENERGY_PER_IMAGE = "energy_per_image_j";
    /** Energy above idle per generated token in joules. */
    public static final String ENERGY_PER_TOKEN = "energy_per_token_j";
    /** 1 - E_candidate / E_baseline of the energy per image. */
    public static final String ENERGY_SAVING = "energy_saving";
    /** Candidate / baseline vision latency. */
    public static final String VISION_LATENCY_RATIO = "vision_latency_ratio";
    /** Candidate / baseline decode speed. */
    public static final String DECODE_SPEED_RATIO = "decode_tokens_per_s_ratio";

    /** Metrics measured per model. */
    public static final List<String> MODEL_METRICS = List.of(
            VISION_LATENCY, PREFILL, DECODE_TOKENS_PER_S, PEAK_MEMORY, MODEL_LOAD, ENERGY_PER_IMAGE, ENERGY_PER_TOKEN);
    /** Metrics that compare the candidate with the baseline. */
    public static final List<String> COMPARISON_METRICS = List.of(ENERGY_SAVING, VISION_LATENCY_RATIO, DECODE_SPEED_RATIO);
    /** Metrics that depend on the image size. */
    public static final Set<String> PER_IMAGE = Set.of(VISION_LATENCY, PREFILL, DECODE_TOKENS_PER_S, VISION_LATENCY_RATIO,
            DECODE_SPEED_RATIO);
    /** Every metric a gate may name. */
    public static final List<String> GATE_METRICS = java.util.stream.Stream
            .concat(MODEL_METRICS.stream(), COMPARISON_METRICS.stream())
            .toList();

    private Metrics() {}
}
