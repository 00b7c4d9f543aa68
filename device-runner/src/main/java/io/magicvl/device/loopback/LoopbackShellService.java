package io.magicvl.device.loopback;

import io.magicvl.device.adb.ShellProtocol;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one device command with the host's {@code /bin/sh} inside the {@link DeviceSandbox}.
 * Three framings: shell v2 (separate stdout/stderr packets and an exit packet), legacy
 * {@code shell:} (merged raw output, no exit code) and {@code exec:} (raw stdout only).
 */
final class LoopbackShellService implements LoopbackService {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackShellService.class);

    private enum Framing { V2, LEGACY, EXEC }

    private final DeviceSandbox sandbox;
    private final String command;
    private final Framing framing;

    private LoopbackShellService(DeviceSandbox sandbox, String command, Framing framing) {
        this.sandbox = sandbox;
        this.command = command;
        this.framing = framing;
    }

    static LoopbackShellService v2(DeviceSandbox sandbox, String command) {
        return new LoopbackShellService(sandbox, command, Framing.V2);
    }

    static LoopbackShellService legacy(DeviceSandbox sandbox, String command) {
        return new LoopbackShellService(sandbox, command, Framing.LEGACY);
    }

    static LoopbackShellService exec(DeviceSandbox sandbox, String command) {
        return new LoopbackShellService(sandbox, command, Framing.EXEC);
    }

    @Override
    public void serve(LoopbackStream stream, LoopbackConnection connection) throws IOException {
        String hostCommand;
        try {
            hostCommand = sandbox.rewriteCommand(command);
        } catch (DeviceSandbox.SandboxViolation e) {
            writeErr(stream, ("loopback: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            finish(stream, 1);
            return;
        }
        LOG.debug("loopback shell: {}", hostCommand);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", hostCommand).directory(sandbox.workDir().toFile());
        Map<String, String> environment = builder.environment();
        environment.put("PATH", sandbox.binDir() + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("MAGICVL_DEVICE_ROOT", sandbox.root().toString());
        environment.put("HOME", sandbox.workDir().toString());
        environment.put("TMPDIR", sandbox.workDir().toString());
        if (framing == Framing.LEGACY) {
            builder.redirectErrorStream(true);
        }
        Process process = builder.start();
        Thread input = daemon("stdin", () -> pumpInput(stream, process));
        Thread stdout = daemon("stdout", () -> pumpOutput(process.getInputStream(), stream, ShellProtocol.STDOUT));
        Thread stderr = daemon("stderr", () -> pumpOutput(process.getErrorStream(), stream, ShellProtocol.STDERR));
        input.start();
        stdout.start();
        stderr.start();
        int exitCode;
        try {
            exitCode = process.waitFor();
            stdout.join();
            stderr.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return;
        }
        if (stream.isClosed()) {
            return;
        }
        finish(stream, exitCode);
    }

    private void finish(LoopbackStream stream, int exitCode) throws IOException {
        if (framing == Framing.V2) {
            stream.write(ShellProtocol.packet(ShellProtocol.EXIT, new byte[] {(byte) exitCode}, 0, 1));
        }
    }

    private void writeErr(LoopbackStream stream, byte[] bytes) throws IOException {
        switch (framing) {
            case V2 -> stream.write(ShellProtocol.packet(ShellProtocol.STDERR, bytes, 0, bytes.length));
            case LEGACY -> stream.write(bytes);
            case EXEC -> LOG.warn("loopback exec: {}", new String(bytes, StandardCharsets.UTF_8).strip());
        }
    }

    private void pumpOutput(InputStream source, LoopbackStream stream, int id) {
        byte[] buffer = new byte[32 * 1024];
        try (source) {
            int read;
            while ((read = source.read(buffer)) > 0) {
                if (framing == Framing.V2) {
                    stream.write(ShellProtocol.packet(id, buffer, 0, read));
                } else if (id == ShellProtocol.STDOUT || framing == Framing.LEGACY) {
                    stream.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            LOG.debug("loopback shell output ended: {}", e.toString());
        }
    }

    /** Feeds the host's stdin to the process; a closed stream (host CLSE) kills the process. */
    private void pumpInput(LoopbackStream stream, Process process) {
        OutputStream stdin = process.getOutputStream();
        try {
            if (framing == Framing.V2) {
                DataInputStream in = new DataInputStream(stream.input());
                while (true) {
                    int id = in.read();
                    if (id < 0) {
                        break;
                    }
                    int length = Integer.reverseBytes(in.readInt());
                    byte[] payload = in.readNBytes(length);
                    if (id == ShellProtocol.STDIN) {
                        stdin.write(payload);
                        stdin.flush();
                    } else if (id == ShellProtocol.CLOSE_STDIN) {
                        stdin.close();
                    }
                }
            } else {
                stream.input().transferTo(stdin);
            }
        } catch (EOFException e) {
            LOG.debug("loopback shell input ended mid-packet");
        } catch (IOException e) {
            LOG.debug("loopback shell input: {}", e.toString());
        }
        try {
            stdin.close();
        } catch (IOException e) {
            LOG.debug("closing stdin: {}", e.toString());
        }
        if (stream.isClosed() && process.isAlive()) {
            LOG.debug("host closed the shell stream; stopping '{}'", command);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "loopback-shell-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
