package io.magicvl.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the repository, its bundled examples and the shared fixtures folder from tests in
 * any module.
 */
public final class TestPaths {
    private TestPaths() {}

    /** Returns the repository root (set by Surefire, else found by walking up to {@code mvnw}). */
    public static Path repoRoot() {
        String configured = System.getProperty("magicvl.repo.root");
        if (configured != null && Files.isRegularFile(Paths.get(configured, "mvnw"))) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root (no mvnw above the working directory)");
        }
        return dir;
    }

    /** Returns {@code examples/} of the repository: the nano run and its benchmark sets. */
    public static Path examples() {
        return repoRoot().resolve("examples");
    }

    /** Returns the trained nano run (one folder per curriculum stage). */
    public static Path nanoRun() {
        return examples().resolve("magicvl-nano");
    }

    /**
     * Returns the shared fixtures folder: {@code MAGICVL_SHARED} if set, else {@code ../shared}
     * beside the repository. It holds reference outputs of a PyTorch implementation, golden
     * scoring cases and the real Qwen3 tokenizer, which tests cannot make themselves. When the
     * folder is missing, the calling test is skipped with the reason, except under CI
     * ({@code CI=true}), where a missing folder is an error.
     */
    public static Path shared() {
        String env = System.getenv("MAGICVL_SHARED");
        Path folder = env != null && !env.isBlank()
                ? Paths.get(env).toAbsolutePath().normalize()
                : repoRoot().resolveSibling("shared");
        if (!Files.isDirectory(folder)) {
            String reason = "shared fixtures folder not found at " + folder
                    + "; put it beside the checkout or set MAGICVL_SHARED";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.assumeTrue(false, reason);
        }
        return folder;
    }
}
