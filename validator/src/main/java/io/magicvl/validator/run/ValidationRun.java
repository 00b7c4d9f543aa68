package io.magicvl.validator.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.core.Toolchain;
import io.magicvl.core.io.OutputPaths;
import io.magicvl.runtime.Answer;
import io.magicvl.runtime.PhaseTimings;
import io.magicvl.runtime.VisionLanguageModel;
import io.magicvl.validator.data.BenchItem;
import io.magicvl.validator.data.BenchmarkData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model over a benchmark and keeps every prediction on disk as it is produced.
 *
 * <p>The run folder contains {@code run.json} (what is being run), {@code predictions.jsonl} (one
 * line per item, forced to disk before the next) and, once every selected item has a line,
 * {@code scores.json}. Running again on the same folder resumes: items that have a line are
 * not run again, and a folder made for another benchmark file, export folder or selection is
 * rejected. With several threads each worker opens its own model. Lines are still written in
 * item order, so the file does not depend on the thread count or on interruptions.
 */
public final class ValidationRun {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationRun.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RunConfig config;
    private final ModelFactory factory;

    public ValidationRun(RunConfig config, ModelFactory factory) {
        this.config = config;
        this.factory = factory;
    }

    /**
     * Runs the items of this shard that have no prediction yet, then scores the run.
     *
     * @throws RunInterruptedException when the calling thread is interrupted; the predictions
     *     written so far stay on disk and a new run on the same folder resumes
     */
    public RunResult execute() {
        BenchmarkData data = BenchmarkData.load(config.bench(), config.dataFile());
        String exportSha = ExportHash.of(config.exportDir());
        List<BenchItem> selected = select(data);
        RunManifest manifest = manifestFor(data, exportSha, selected.size());
        boolean newFolder = !Files.exists(config.outDir());
        prepareFolder(manifest);

        ImageResolver images = new ImageResolver(data, config.imagesDir(), config.outDir().resolve("tsv-images"));
        List<BenchItem> missing = selected.stream().filter(item -> !images.available(item)).toList();
        if (!missing.isEmpty()) {
            try {
                reportMissing(missing, images);
            } catch (MagicvlException e) {
                // A run that never started leaves no folder behind, so a corrected re-run is not
                // rejected as a different run.
                if (newFolder) {
                    deleteQuietly(config.outDir());
                }
                throw e;
            }
        }

        RunStats stats;
        try (PredictionLog log = PredictionLog.open(config.outDir().resolve(RunManifest.PREDICTIONS), data.items().size())) {
            List<BenchItem> todo = selected.stream().filter(item -> !log.done().contains(item.pos())).toList();
            if (todo.size() < selected.size()) {
                LOG.info("Resuming {}: {} of {} items already have predictions", config.outDir(),
                        selected.size() - todo.size(), selected.size());
            }
            stats = runItems(todo, log, images, exportSha);
        }
        Set<Integer> positions = new TreeSet<>();
        selected.forEach(item -> positions.add(item.pos()));
        return RunResult.finish(config.outDir(), manifest, data, positions, stats);
    }

    private List<BenchItem> select(BenchmarkData data) {
        List<? extends BenchItem> items = data.items();
        int limit = config.limit() == null ? items.size() : Math.min(config.limit(), items.size());
        List<BenchItem> selected = new ArrayList<>();
        for (int k = 0; k < limit; k++) {
            if (config.shard().contains(k)) {
                selected.add(items.get(k));
            }
        }
        return selected;
    }

    private RunManifest manifestFor(BenchmarkData data, String exportSha, int selectedCount) {
        Shard shard = config.shard();
        boolean whole = shard.count() == 1;
        return new RunManifest(
                RunManifest.FORMAT_VERSION,
                config.bench().id(),
                config.mode().id(),
                data.file().toAbsolutePath().toString(),
                data.sha256(),
                data.format().id(),
                data.items().size(),
                config.exportDir().toAbsolutePath().toString(),
                exportSha,
                config.imagesDir() == null ? null : config.imagesDir().toAbsolutePath().toString(),
                config.limit(),
                whole ? null : shard.index(),
                whole ? null : shard.count(),
                config.maxNewTokens(),
                selectedCount,
                Toolchain.version() + " (" + Toolchain.commit() + ")",
                List.of());
    }

    private static void deleteQuietly(Path folder) {
        try {
            OutputPaths.deleteRecursively(folder);
        } catch (IOException e) {
            LOG.warn("Could not delete the unused run folder {}: {}", folder, e.toString());
        }
    }

    private void prepareFolder(RunManifest manifest) {
        Path out = config.outDir();
        try {
            if (Files.isRegularFile(out.resolve(RunManifest.FILE))) {
                RunManifest existing = RunManifest.read(out);
                List<String> conflicts = existing.resumeConflicts(manifest);
                if (!conflicts.isEmpty()) {
                    throw MagicvlException.invalidInput("Run folder " + out + " contains a different run, so it cannot "
                            + "be resumed: " + String.join("; ", conflicts) + ". Use a new --out folder.");
                }
                return;
            }
            if (Files.isDirectory(out)) {
                try (var entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw MagicvlException.invalidInput("Output folder " + out + " is not empty and is not a run "
                                + "folder (no run.json). Use a new or empty --out folder.");
                    }
                }
            }
            io.magicvl.core.io.OutputPaths.checkParentUsable(out.resolve(RunManifest.FILE));
            Files.createDirectories(out);
            manifest.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare run folder " + out, e);
        }
    }

    private void reportMissing(List<BenchItem> missing, ImageResolver images) {
        for (BenchItem item : missing) {
            LOG.warn("Missing image for item {} ({}): {}", item.pos(), item.label(), images.path(item));
        }
        String first = missing.get(0).label() + " at " + images.path(missing.get(0));
        if (config.onMissingImage() == MissingImagePolicy.FAIL) {
            throw MagicvlException.invalidInput(missing.size() + " selected items have no image (first: " + first
                    + "). Check --images, or pass --on-missing-image skip to record them as missing predictions.");
        }
        LOG.warn("{} selected items have no image and will be recorded as missing predictions", missing.size());
    }

    private RunStats runItems(List<BenchItem> todo, PredictionLog log, ImageResolver images, String exportSha) {
        if (todo.isEmpty()) {
            return new RunStats(config.threads(), 0, 0, 0, 0, 0);
        }
        int threads = Math.max(1, Math.min(config.threads(), todo.size()));
        OrderedWriter writer = new OrderedWriter(log, todo.size());
        AtomicInteger next = new AtomicInteger();
        AtomicLong modelNanos = new AtomicLong();
        AtomicLong ortNanos = new AtomicLong();
        AtomicLong openNanos = new AtomicLong();
        Progress progress = new Progress(todo.size());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "validate-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    work(worker, todo, next, writer, images, exportSha, modelNanos, ortNanos, openNanos, progress);
                    return null;
                }));
            }
            for (Future<?> future : workers) {
                future.get();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            awaitQuietly(pool);
            Thread.currentThread().interrupt();
            throw new RunInterruptedException("The run was interrupted after " + writer.written() + " new predictions; "
                    + "run the same command again to resume.");
        } catch (ExecutionException e) {
            pool.shutdownNow();
            awaitQuietly(pool);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("A validation worker failed", cause);
        } finally {
            pool.shutdownNow();
        }
        return new RunStats(threads, todo.size(), System.nanoTime() - start, openNanos.get(), modelNanos.get(),
                ortNanos.get());
    }

    private void work(int worker, List<BenchItem> todo, AtomicInteger next, OrderedWriter writer, ImageResolver images,
            String exportSha, AtomicLong modelNanos, AtomicLong ortNanos, AtomicLong openNanos, Progress progress) {
        long openStart = System.nanoTime();
        try (VisionLanguageModel model = factory.open()) {
            long opened = System.nanoTime() - openStart;
            openNanos.accumulateAndGet(opened, Math::max);
            while (!Thread.currentThread().isInterrupted()) {
                int k = next.getAndIncrement();
                if (k >= todo.size()) {
                    return;
                }
                BenchItem item = todo.get(k);
                ObjectNode line = lineFor(item, exportSha, worker);
                if (!images.available(item)) {
                    line.put("status", "missing_image");
                    line.put("image", String.valueOf(images.path(item)));
                } else {
                    Path image = images.materialize(item);
                    Answer answer = model.answer(image, item.question(), config.maxNewTokens());
                    fill(line, answer, image);
                    PhaseTimings t = answer.timings();
                    modelNanos.addAndGet(t.totalNanos());
                    // Preprocessing and the Java time between ONNX Runtime calls are outside it.
                    ortNanos.addAndGet(Math.max(0, t.totalNanos() - t.preprocessNanos() - t.outsideOrtNanos()));
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                writer.offer(k, line);
                progress.step();
            }
        }
    }

    private ObjectNode lineFor(BenchItem item, String exportSha, int worker) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("pos", item.pos());
        line.put("label", item.label());
        line.put("category", item.category());
        line.put("prompt", item.question());
        line.put("export_sha256", exportSha);
        line.put("worker", worker);
        return line;
    }

    private static void fill(ObjectNode line, Answer answer, Path image) {
        line.put("prediction", answer.text());
        line.put("status", "ok");
        line.put("image", image == null ? null : image.toString());
        line.put("prompt_tokens", answer.promptIds().size());
        line.put("new_tokens", answer.tokenIds().size());
        line.put("tiles", answer.tiles());
        line.put("visual_tokens", answer.visualTokens());
        PhaseTimings t = answer.timings();
        ObjectNode timings = line.putObject("timings_ms");
        timings.put("preprocess", t.preprocessNanos() / 1e6);
        timings.put("vision", t.visionNanos() / 1e6);
        timings.put("embed", t.embedNanos() / 1e6);
        timings.put("prefill", t.prefillNanos() / 1e6);
        long decode = 0;
        for (long step : t.decodeStepsNanos()) {
            decode += step;
        }
        timings.put("decode", decode / 1e6);
        timings.put("outside_ort", t.outsideOrtNanos() / 1e6);
        timings.put("total", t.totalNanos() / 1e6);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes lines in item order however the workers finish: a line waits until all earlier ones are written. */
    private static final class OrderedWriter {
        private final PredictionLog log;
        private final ObjectNode[] pending;
        private int nextToWrite;

        OrderedWriter(PredictionLog log, int size) {
            this.log = log;
            this.pending = new ObjectNode[size];
        }

        synchronized void offer(int k, ObjectNode line) {
            pending[k] = line;
            while (nextToWrite < pending.length && pending[nextToWrite] != null) {
                log.append(pending[nextToWrite]);
                pending[nextToWrite] = null;
                nextToWrite++;
            }
        }

        synchronized int written() {
            return nextToWrite;
        }
    }

    /** Logs progress at most every ten seconds. */
    private static final class Progress {
        private final int total;
        private final long start = System.nanoTime();
        private int done;
        private long lastLog = start;

        Progress(int total) {
            this.total = total;
        }

        synchronized void step() {
            done++;
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_INTERVAL_NANOS || done == total) {
                lastLog = now;
                double seconds = (now - start) / 1e9;
                double rate = done / seconds;
                LOG.info("validate: {}/{} items, {} items/s, about {} s left", done, total,
                        String.format("%.2f", rate), Math.round((total - done) / Math.max(rate, 1e-9)));
            }
        }
    }
}
