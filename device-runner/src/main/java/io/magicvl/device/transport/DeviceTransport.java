package io.magicvl.device.transport;

import io.magicvl.device.adb.ShellResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * A machine that runs the benchmark: this one ({@code local}) or a device behind an adb
 * server. Paths are paths on that machine; commands run with its {@code /bin/sh}.
 */
public interface DeviceTransport extends AutoCloseable {

    /** Returns the id shown in reports, for example {@code local} or {@code 127.0.0.1:5037/SERIAL}. */
    String id();

    /** Returns the folder commands start in and pushes go to by default. */
    String defaultWorkDir();

    /**
     * Runs {@code command} and returns its exit code and output streams.
     *
     * @param timeout longest time the command may stay silent
     */
    ShellResult shell(String command, Duration timeout) throws IOException;

    /** Copies {@code local} to {@code remotePath} (parents must exist) with permission bits {@code mode}. */
    void push(Path local, String remotePath, int mode, LongConsumer progress) throws IOException;

    /**
     * Copies {@code length} bytes of {@code local} starting at {@code offset} to a new file
     * {@code remotePath} (parents must exist) with permission bits {@code mode}.
     */
    void pushRange(Path local, long offset, long length, String remotePath, int mode) throws IOException;

    /** Copies {@code remotePath} to {@code local}. */
    void pull(String remotePath, Path local) throws IOException;

    @Override
    void close();

    /** Quotes {@code text} as one word for a POSIX shell. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
