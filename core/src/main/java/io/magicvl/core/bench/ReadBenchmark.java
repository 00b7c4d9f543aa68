package io.magicvl.core.bench;

import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.safetensors.SafetensorsFile;
import io.magicvl.core.tensor.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how fast magicvl reads a checkpoint: every tensor read through {@link Checkpoint}
 * and SHA-256-hashed, timed next to {@code cat FILES > /dev/null} on the same files, with the
 * process's peak resident set ({@code VmHWM}) and peak heap.
 */
public final class ReadBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ReadBenchmark.class);
    /** Default read buffer per thread: small enough to stay in the CPU cache, as cat's is. */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    private ReadBenchmark() {}

    /**
     * The measurements.
     *
     * @param checkpoint the checkpoint folder
     * @param files weight files read
     * @param fileBytes total size of the weight files
     * @param tensors tensors read
     * @param tensorBytes total tensor bytes read
     * @param threads reader threads
     * @param hashed whether tensors were SHA-256-hashed
     * @param catFirstSeconds first {@code cat} run (it also fills the page cache)
     * @param readSeconds magicvl read (and hash) of every tensor
     * @param catSeconds second {@code cat} run, right after the magicvl read
     * @param readGbPerSecond tensor bytes / readSeconds, in GB/s (10^9 bytes)
     * @param catGbPerSecond file bytes / catSeconds, in GB/s
     * @param slowdownVsCat readSeconds / catSeconds
     * @param peakRssBytes {@code VmHWM} of this process, or -1 where /proc is unavailable
     * @param peakHeapBytes sum of the peak usage of the heap memory pools
     * @param maxHeapBytes the heap limit ({@code -Xmx})
     * @param digest SHA-256 over the per-tensor SHA-256 values in name order (empty without hashing)
     * @param readCpuSeconds CPU time of this process during the magicvl read, or -1 where unavailable
     * @param catCpuSeconds CPU time of the second {@code cat} run, or -1 where /proc is unavailable
     */
    public record Result(String checkpoint, int files, long fileBytes, int tensors, long tensorBytes, int threads,
            boolean hashed, double catFirstSeconds, double readSeconds, double catSeconds, double readGbPerSecond,
            double catGbPerSecond, double slowdownVsCat, long peakRssBytes, long peakHeapBytes, long maxHeapBytes,
            String digest, double readCpuSeconds, double catCpuSeconds) {}

    /**
     * Runs the benchmark on the checkpoint in {@code folder} with {@code threads} readers, each
     * reading through a direct buffer of {@code bufferBytes}.
     */
    public static Result run(Path folder, int threads, boolean hash, int bufferBytes) {
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            List<Path> files = new ArrayList<>();
            for (SafetensorsFile file : checkpoint.files()) {
                files.add(file.path());
            }
            long fileBytes = checkpoint.fileBytes();
            LOG.info("cat {} files ({} MB), first run", files.size(), fileBytes / 1_000_000);
            double catFirst = timeCat(files);
            LOG.info("Reading {} tensors with {} thread(s){}", checkpoint.tensors().size(), threads, hash ? " and SHA-256" : "");
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            String digest = readAll(checkpoint, threads, hash, bufferBytes);
            double read = (System.nanoTime() - start) / 1e9;
            long cpuEnd = processCpuNanos();
            double readCpu = cpuStart < 0 || cpuEnd < 0 ? -1 : (cpuEnd - cpuStart) / 1e9;
            LOG.info("cat, second run");
            double childCpuStart = childrenCpuSeconds();
            double cat = timeCat(files);
            double childCpuEnd = childrenCpuSeconds();
            double catCpu = childCpuStart < 0 || childCpuEnd < 0 ? -1 : childCpuEnd - childCpuStart;
            long tensorBytes = checkpoint.tensors().stream().mapToLong(TensorInfo::byteSize).sum();
            return new Result(folder.toString(), files.size(), fileBytes, checkpoint.tensors().size(), tensorBytes, threads,
                    hash, catFirst, read, cat, tensorBytes / read / 1e9, fileBytes / cat / 1e9, read / cat, peakRss(),
                    peakHeap(), Runtime.getRuntime().maxMemory(), digest, readCpu, catCpu);
        }
    }

    private static String readAll(Checkpoint checkpoint, int threads, boolean hash, int bufferBytes) {
        List<TensorInfo> order = new ArrayList<>(checkpoint.tensors());
        order.sort(Comparator.comparingLong(TensorInfo::byteSize).reversed());
        Map<String, byte[]> digests = new ConcurrentHashMap<>();
        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(bufferBytes));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (TensorInfo info : order) {
                tasks.add(pool.submit(() -> digests.put(info.name(), readTensor(checkpoint, info, buffers.get(), hash))));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + checkpoint.location(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (!hash) {
            return "";
        }
        MessageDigest all = newSha256();
        for (byte[] value : new TreeMap<>(digests).values()) {
            all.update(value);
        }
        return HexFormat.of().formatHex(all.digest());
    }

    private static byte[] readTensor(Checkpoint checkpoint, TensorInfo info, ByteBuffer buffer, boolean hash) {
        MessageDigest digest = hash ? newSha256() : null;
        long size = info.byteSize();
        for (long done = 0; done < size; ) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), size - done));
            checkpoint.readRaw(info.name(), done, buffer);
            buffer.flip();
            done += buffer.remaining();
            if (digest != null) {
                digest.update(buffer);
            }
        }
        return digest == null ? new byte[0] : digest.digest();
    }

    /** Times {@code cat FILES > /dev/null}, in seconds. */
    private static double timeCat(List<Path> files) {
        List<String> command = new ArrayList<>();
        command.add("cat");
        for (Path file : files) {
            command.add(file.toString());
        }
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int status = process.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (status != 0) {
                throw new IllegalStateException("cat exited with status " + status);
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run cat", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running cat", e);
        }
    }

    /** Returns {@code VmHWM} from /proc/self/status in bytes, or -1. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read /proc/self/status: {}", e.toString());
        }
        return -1;
    }

    /** Returns the CPU time of this process in nanoseconds, or -1. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Returns the user and system time of this process's waited-for children in seconds
     * ({@code cutime + cstime} of /proc/self/stat, in Linux's fixed 100 ticks per second), or -1.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read /proc/self/stat: {}", e.toString());
            return -1;
        }
    }

    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
