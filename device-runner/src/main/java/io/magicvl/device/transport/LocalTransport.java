package io.magicvl.device.transport;

import io.magicvl.device.adb.ShellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** The machine running magicvl: commands run with {@code /bin/sh}, pushes are file copies. */
public final class LocalTransport implements DeviceTransport {
    private final Path workDir;

    /** Creates a local transport whose commands start in {@code workDir}. */
    public LocalTransport(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local work folder " + workDir, e);
        }
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String defaultWorkDir() {
        return workDir.toString();
    }

    @Override
    public ShellResult shell(String command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command).directory(workDir.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
        CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("local command timed out after " + timeout.toSeconds() + " s: " + command);
            }
            return new ShellResult(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running: " + command, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of: " + command, e.getCause());
        }
    }

    @Override
    public void push(Path local, String remotePath, int mode, LongConsumer progress) throws IOException {
        Path target = Path.of(remotePath);
        Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
        if (progress != null) {
            progress.accept(Files.size(target));
        }
    }

    @Override
    public void pushRange(Path local, long offset, long length, String remotePath, int mode) throws IOException {
        try (InputStream input = Files.newInputStream(local)) {
            input.skipNBytes(offset);
            Files.copy(new BoundedInputStream(input, length), Path.of(remotePath), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void pull(String remotePath, Path local) throws IOException {
        Files.copy(Path.of(remotePath), local, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static CompletableFuture<byte[]> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
