package io.magicvl.device.adb;

import java.nio.charset.StandardCharsets;

/** Exit code and separate output streams of one shell command. */
public record ShellResult(int exitCode, byte[] stdout, byte[] stderr) {

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** Returns whether the command exited with status 0. */
    public boolean ok() {
        return exitCode == 0;
    }
}
