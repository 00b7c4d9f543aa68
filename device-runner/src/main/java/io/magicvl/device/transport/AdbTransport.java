package io.magicvl.device.transport;

import io.magicvl.device.adb.AdbClient;
import io.magicvl.device.adb.ShellResult;
import io.magicvl.device.adb.SyncSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/** A device reached through an adb server: shell v2 for commands, sync for files. */
public final class AdbTransport implements DeviceTransport {
    /** The folder in which Android lets the shell user write and execute files. */
    public static final String ANDROID_WORK_DIR = "/data/local/tmp";

    private final AdbClient client;
    private final String serial;

    public AdbTransport(AdbClient client, String serial) {
        this.client = client;
        this.serial = serial;
    }

    public String serial() {
        return serial;
    }

    public AdbClient client() {
        return client;
    }

    @Override
    public String id() {
        return client.address() + "/" + serial;
    }

    @Override
    public String defaultWorkDir() {
        return ANDROID_WORK_DIR;
    }

    @Override
    public ShellResult shell(String command, Duration timeout) throws IOException {
        try {
            return client.shell(serial, command, timeout);
        } catch (IOException e) {
            throw new DeviceGoneException(id(), "shell '" + command + "'", e);
        }
    }

    @Override
    public void push(Path local, String remotePath, int mode, LongConsumer progress) throws IOException {
        try (SyncSession sync = client.sync(serial)) {
            sync.send(local, remotePath, mode, progress);
        } catch (io.magicvl.device.adb.AdbFailureException e) {
            throw e;
        } catch (IOException e) {
            throw new DeviceGoneException(id(), "push of " + local.getFileName() + " to " + remotePath, e);
        }
    }

    @Override
    public void pushRange(Path local, long offset, long length, String remotePath, int mode) throws IOException {
        try (SyncSession sync = client.sync(serial); InputStream input = Files.newInputStream(local)) {
            input.skipNBytes(offset);
            long mtime = Files.getLastModifiedTime(local).toMillis() / 1000;
            sync.send(new BoundedInputStream(input, length), remotePath, mode, mtime, null);
        } catch (io.magicvl.device.adb.AdbFailureException e) {
            throw e;
        } catch (IOException e) {
            throw new DeviceGoneException(id(), "push of " + local.getFileName() + " bytes " + offset + ".."
                    + (offset + length) + " to " + remotePath, e);
        }
    }

    @Override
    public void pull(String remotePath, Path local) throws IOException {
        try (SyncSession sync = client.sync(serial)) {
            sync.recv(remotePath, local);
        }
    }

    @Override
    public void close() {
        // Every call opens and closes its own server connection.
    }
}
