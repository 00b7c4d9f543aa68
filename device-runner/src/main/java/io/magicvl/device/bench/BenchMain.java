package io.magicvl.device.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magicvl.runtime.Answer;
import io.magicvl.runtime.PhaseTimings;
import io.magicvl.runtime.OnnxVisionLanguageModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-device benchmark: one run of one model. It idles (for the idle power), loads the
 * model, answers every image {@code --warmup} times (discarded), then {@code --iterations}
 * times (timed), while sampling the energy source in the same process. The result is one line
 * {@code MAGICVL_BENCH_RESULT {json}} on stdout; logs go to stderr.
 *
 * <p>Runs under a JVM ({@code java -cp 'kit/*' io.magicvl.device.bench.BenchMain ...}) or
 * Android's {@code app_process}; it uses no AWT and no picocli for that reason.
 */
public final class BenchMain {
    /** Prefix of the result line on stdout. */
    public static final String RESULT_PREFIX = "MAGICVL_BENCH_RESULT ";

    private BenchMain() {}

    public static void main(String[] args) {
        try {
            RunResult result = run(BenchArguments.parse(args), System.err);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
            out.flush();
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println("magicvl bench: " + e.getMessage());
            System.exit(2);
        } catch (Throwable e) {
            System.err.println("magicvl bench failed: " + e);
            e.printStackTrace(System.err);
            System.exit(3);
        }
    }

    /** Runs the benchmark described by {@code arguments} and returns what it measured. */
    public static RunResult run(BenchArguments arguments, PrintStream log) throws IOException, InterruptedException {
        long originNanos = System.nanoTime();
        long epochStartMs = System.currentTimeMillis();
        java.util.function.DoubleSupplier clock = () -> (System.nanoTime() - originNanos) / 1e9;
        DeviceEnergySampler sampler = new DeviceEnergySampler(arguments.energySource(), arguments.energyPath(),
                arguments.rails(), arguments.sampleIntervalMs(), clock);
        sampler.start();

        double idleStart = clock.getAsDouble();
        Thread.sleep(arguments.idleMs());
        double idleEnd = clock.getAsDouble();

        double loadStart = clock.getAsDouble();
        List<AnswerRecord> answers = new ArrayList<>();
        double steadyStart;
        double steadyEnd;
        double modelLoad;
        // Every answer generates exactly max-new-tokens tokens (end tokens ignored), so both
        // models of a comparison do the same decode work per image.
        try (OnnxVisionLanguageModel model = ModelLoader.open(arguments.export(), arguments.intraOpThreads(),
                arguments.interOpThreads())) {
            modelLoad = clock.getAsDouble() - loadStart;
            log.printf("magicvl bench: loaded %s in %.3f s%n", arguments.export(), modelLoad);
            for (int i = 0; i < arguments.warmup(); i++) {
                for (Map.Entry<String, Path> image : arguments.images().entrySet()) {
                    model.answer(image.getValue(), arguments.question(), arguments.maxNewTokens(), false, null);
                }
            }
            steadyStart = clock.getAsDouble();
            for (int i = 0; i < arguments.iterations(); i++) {
                for (Map.Entry<String, Path> image : arguments.images().entrySet()) {
                    double start = clock.getAsDouble();
                    Answer answer = model.answer(image.getValue(), arguments.question(), arguments.maxNewTokens(), false,
                            null);
                    answers.add(record(image.getKey(), start, answer));
                }
            }
            steadyEnd = clock.getAsDouble();
        }
        EnergySamples energy = sampler.stop();
        return new RunResult(arguments.export().toString(), epochStartMs, idleStart, idleEnd, modelLoad, steadyStart,
                steadyEnd, arguments.warmup() * arguments.images().size(), answers, peakMemoryBytes(),
                System.getProperty("java.vm.name", "") + " " + System.getProperty("java.version", ""),
                System.getProperty("os.arch", ""), Runtime.getRuntime().availableProcessors(), energy);
    }

    static AnswerRecord record(String image, double start, Answer answer) {
        PhaseTimings t = answer.timings();
        long decodeNanos = t.decodeStepsNanos().stream().mapToLong(Long::longValue).sum();
        return new AnswerRecord(image, answer.tiles(), answer.visualTokens(), start, t.preprocessNanos() / 1e9,
                t.visionNanos() / 1e9, t.prefillNanos() / 1e9, answer.tokenIds().size(), decodeNanos / 1e9,
                t.decodeStepsNanos().size(), t.totalNanos() / 1e9);
    }

    /** Returns the process's peak resident set (VmHWM) in bytes, or -1 where /proc is missing. */
    static long peakMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    String[] fields = line.substring(6).strip().split("\\s+");
                    return Long.parseLong(fields[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or Android: report unknown.
        }
        return -1;
    }

    /** Command-line arguments of {@link BenchMain}. */
    public record BenchArguments(
            Path export,
            Map<String, Path> images,
            int warmup,
            int iterations,
            int maxNewTokens,
            String question,
            int intraOpThreads,
            int interOpThreads,
            String energySource,
            Path energyPath,
            List<String> rails,
            long sampleIntervalMs,
            long idleMs) {

        /** Returns the arguments as a command line, the inverse of {@link #parse}. */
        public List<String> toArgs() {
            List<String> args = new ArrayList<>(List.of("--export", export.toString()));
            images.forEach((label, path) -> args.addAll(List.of("--image", label + "=" + path)));
            args.addAll(List.of("--warmup", Integer.toString(warmup), "--iterations", Integer.toString(iterations),
                    "--max-new-tokens", Integer.toString(maxNewTokens), "--question", question,
                    "--intra-op-threads", Integer.toString(intraOpThreads),
                    "--inter-op-threads", Integer.toString(interOpThreads), "--energy", energySource,
                    "--energy-path", energyPath.toString(), "--sample-ms", Long.toString(sampleIntervalMs),
                    "--idle-ms", Long.toString(idleMs)));
            if (!rails.isEmpty()) {
                args.addAll(List.of("--rails", String.join(",", rails)));
            }
            return args;
        }

        /** Parses {@code --name value} pairs. */
        public static BenchArguments parse(String[] args) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
                }
                values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
            }
            Map<String, Path> images = new LinkedHashMap<>();
            for (String image : values.getOrDefault("image", List.of())) {
                int equals = image.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--image must be LABEL=PATH, got '" + image + "'");
                }
                images.put(image.substring(0, equals), Path.of(image.substring(equals + 1)));
            }
            if (images.isEmpty()) {
                throw new IllegalArgumentException("at least one --image LABEL=PATH is required");
            }
            String rails = single(values, "rails", "");
            return new BenchArguments(
                    Path.of(single(values, "export", null)),
                    images,
                    Integer.parseInt(single(values, "warmup", "1")),
                    Integer.parseInt(single(values, "iterations", "5")),
                    Integer.parseInt(single(values, "max-new-tokens", "16")),
                    single(values, "question", "Describe the image."),
                    Integer.parseInt(single(values, "intra-op-threads", "0")),
                    Integer.parseInt(single(values, "inter-op-threads", "1")),
                    single(values, "energy", "none"),
                    Path.of(single(values, "energy-path", "/")),
                    rails.isEmpty() ? List.of() : Arrays.asList(rails.split(",")),
                    Long.parseLong(single(values, "sample-ms", "100")),
                    Long.parseLong(single(values, "idle-ms", "1000")));
        }

        private static String single(Map<String, List<String>> values, String name, String fallback) {
            List<String> given = values.get(name);
            if (given == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException("--" + name + " is required");
                }
                return fallback;
            }
            return given.get(given.size() - 1);
        }
    }
}
