package io.magicvl.release.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code chromium} headless on a local HTML file. Skips the calling test with a
 * stated reason when chromium is not installed, except under CI ({@code CI=true}), where a
 * missing browser fails the test.
 */
final class Chromium {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private Chromium() {}

    /** Returns the chromium binary, or skips (fails under CI) when there is none. */
    static Path binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("chromium is not installed, and CI=true requires the browser check"
                    + " (apt-get install chromium)");
        }
        assumeTrue(false, "chromium is not installed (apt-get install chromium); skipping the browser check");
        return null;
    }

    /** Loads {@code page} and returns the DOM after rendering ({@code --dump-dom}). */
    static String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        List<String> command = command(work, "--dump-dom", page.toUri().toString());
        return run(command, work);
    }

    /** Renders {@code page} into a PNG screenshot and returns its path. */
    static Path screenshot(Path page, Path work) throws IOException, InterruptedException {
        Path png = work.resolve("screenshot.png");
        run(command(work, "--screenshot=" + png, "--window-size=1200,900", page.toUri().toString()), work);
        return png;
    }

    private static List<String> command(Path work, String... arguments) throws IOException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(List.of(arguments));
        return command;
    }

    private static String run(List<String> command, Path work) throws IOException, InterruptedException {
        Path stdout = work.resolve("chromium.out");
        Path stderr = work.resolve("chromium.err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium timed out after 120 s: " + command);
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
