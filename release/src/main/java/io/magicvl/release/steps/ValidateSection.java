package io.magicvl.release.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The recipe's {@code validate} section as {@code magicvl release} reads it: the benchmark
 * sets to run the candidate and the baseline on, and how.
 *
 * @param benchmarks the benchmark sets, in order
 * @param mode scoring mode, {@code official} (default) or {@code vlmevalkit}
 * @param limit run only the first N items of each set, or null for all
 * @param threads worker threads per run, each with its own model (default 1)
 * @param maxNewTokens answer length in tokens (default 24)
 */
public record ValidateSection(List<Benchmark> benchmarks, String mode, Integer limit, Integer threads, Integer maxNewTokens) {
    /**
     * One benchmark set.
     *
     * @param bench {@code ocrbench} or {@code hallusionbench}
     * @param data the benchmark file (official JSON or VLMEvalKit TSV), relative to the recipe
     * @param images the image folder for official JSON files, relative to the recipe
     */
    public record Benchmark(String bench, String data, String images) {
        @JsonCreator
        public Benchmark(
                @JsonProperty(value = "bench", required = true) String bench,
                @JsonProperty(value = "data", required = true) String data,
                @JsonProperty("images") String images) {
            this.bench = bench;
            this.data = data;
            this.images = images;
        }
    }

    @JsonCreator
    public ValidateSection(
            @JsonProperty(value = "benchmarks", required = true) List<Benchmark> benchmarks,
            @JsonProperty("mode") String mode,
            @JsonProperty("limit") Integer limit,
            @JsonProperty("threads") Integer threads,
            @JsonProperty("max_new_tokens") Integer maxNewTokens) {
        this.benchmarks = List.copyOf(benchmarks);
        this.mode = mode == null ? "official" : mode;
        this.limit = limit;
        this.threads = threads == null ? 1 : threads;
        this.maxNewTokens = maxNewTokens == null ? 24 : maxNewTokens;
    }
}
