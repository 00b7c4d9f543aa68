package io.magicvl.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a local HTML file in a real headless Chromium (Debian's {@code chromium}) and returns
 * the rendered DOM and a PNG screenshot, for tests of self-contained HTML reports.
 *
 * <p>Each call starts a fresh browser with a new empty profile folder and the flags that stop it
 * from contacting the network (background networking, component updates, sync) or needing a
 * GPU or a sandbox. Outside CI a missing browser skips the test with the reason; with
 * {@code CI=true} it fails the test, because CI installs the browser.
 */
public final class HeadlessChromium {
    /** Environment variable that names the browser binary, overriding the search. */
    public static final String BINARY_VARIABLE = "MAGICVL_CHROMIUM";
    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The result of rendering a page. */
    public record Rendered(String dom, Path screenshot) {}

    /** Returns the browser if one is installed. */
    public static Optional<HeadlessChromium> find() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return Optional.of(new HeadlessChromium(Path.of(configured)));
        }
        for (String candidate : CANDIDATES) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(new HeadlessChromium(Path.of(candidate)));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the browser, skipping the calling test when none is installed outside CI and
     * failing it in CI ({@code CI=true}).
     */
    public static HeadlessChromium requireOrSkip() {
        Optional<HeadlessChromium> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String reason = "no Chromium found at " + CANDIDATES + " or $" + BINARY_VARIABLE
                + "; install Debian's chromium package to run this test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + reason);
        }
        Assumptions.assumeTrue(false, reason);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Renders {@code html} and returns its DOM after scripts ran and a screenshot of
     * {@code width} x {@code height} pixels written into {@code workDir}.
     */
    public Rendered render(Path html, Path workDir, int width, int height, Duration timeout) {
        try {
            Files.createDirectories(workDir);
            String url = html.toAbsolutePath().toUri().toString();
            Path domFile = workDir.resolve("dom.html");
            run(List.of("--dump-dom", url), workDir, domFile, timeout);
            Path screenshot = workDir.resolve("screenshot.png");
            run(List.of("--screenshot=" + screenshot.toAbsolutePath(), "--window-size=" + width + "," + height,
                    "--hide-scrollbars", url), workDir, null, timeout);
            return new Rendered(Files.readString(domFile, StandardCharsets.UTF_8), screenshot);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render " + html + " with " + binary, e);
        }
    }

    private void run(List<String> arguments, Path workDir, Path stdout, Duration timeout) throws IOException {
        Path profile = Files.createTempDirectory(workDir, "profile-");
        List<String> command = new ArrayList<>(List.of(
                binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.redirectError(workDir.resolve("chromium-stderr.log").toFile());
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within " + timeout + ": " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Chromium", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Chromium exited with " + process.exitValue() + "; see "
                    + workDir.resolve("chromium-stderr.log"));
        }
    }
}
