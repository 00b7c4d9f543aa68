package io.magicvl.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The magicvl version and source commit, recorded in every manifest and ONNX graph. */
public final class Toolchain {
    private static final Properties PROPERTIES = load();

    private Toolchain() {}

    /** Returns the project version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /**
     * Returns the git commit the build came from, from {@code MAGICVL_COMMIT} or the build's
     * resource, or {@code unknown}.
     */
    public static String commit() {
        String env = System.getenv("MAGICVL_COMMIT");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return PROPERTIES.getProperty("commit", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Toolchain.class.getResourceAsStream("/io/magicvl/core/toolchain.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled toolchain.properties", e);
        }
        return properties;
    }
}
