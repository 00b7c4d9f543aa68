package io.magicvl.validator.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.validator.score.PredictionsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only predictions file of a run. Each line goes to the file with one write as soon
 * as it is appended, so a killed process loses at most the line being written. Forcing the
 * file to the disk, which only matters when the machine itself fails, happens after at most
 * {@value #FORCE_EVERY_LINES} lines or {@value #FORCE_EVERY_MILLIS} ms, and on close. On
 * reopening, a cut-off last line is cut away and the positions already present are not run
 * again.
 */
final class PredictionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionLog.class);
    /** Force to disk after this many unforced lines. */
    static final int FORCE_EVERY_LINES = 16;
    /** Force to disk when the oldest unforced line is this old. */
    static final long FORCE_EVERY_MILLIS = 1000;

    private final Path file;
    private final FileChannel channel;
    private final Set<Integer> done;
    private int unforced;
    private long firstUnforcedNanos;

    private PredictionLog(Path file, FileChannel channel, Set<Integer> done) {
        this.file = file;
        this.channel = channel;
        this.done = done;
    }

    /** Opens {@code file} for appending, repairing a cut-off last line. */
    static PredictionLog open(Path file, int itemCount) {
        Set<Integer> done = new TreeSet<>();
        try {
            if (Files.exists(file)) {
                PredictionsFile existing = PredictionsFile.read(file, itemCount);
                done.addAll(existing.lines().keySet());
                long size = Files.size(file);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                if (existing.tornTail()) {
                    LOG.warn("{}: dropping a cut-off last line ({} bytes) left by an interrupted run",
                            file, size - existing.validBytes());
                    channel.truncate(existing.validBytes());
                    channel.force(true);
                }
                channel.position(channel.size());
                if (channel.size() > 0 && !endsWithNewline(file, channel.size())) {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
                return new PredictionLog(file, channel, done);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new PredictionLog(file, channel, done);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + file, e);
        }
    }

    private static boolean endsWithNewline(Path file, long size) throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    /** Returns the positions that already have a line. */
    Set<Integer> done() {
        return done;
    }

    /** Appends one line, forcing the file to disk when the batch is full or old enough. */
    synchronized void append(ObjectNode line) {
        try {
            byte[] bytes = (Json.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            long now = System.nanoTime();
            if (unforced == 0) {
                firstUnforcedNanos = now;
            }
            unforced++;
            if (unforced >= FORCE_EVERY_LINES || now - firstUnforcedNanos >= FORCE_EVERY_MILLIS * 1_000_000L) {
                channel.force(false);
                unforced = 0;
            }
            done.add(line.get("pos").intValue());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (unforced > 0) {
                channel.force(false);
                unforced = 0;
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file, e);
        }
    }
}
