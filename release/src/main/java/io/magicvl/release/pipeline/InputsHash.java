package io.magicvl.release.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.Toolchain;
import io.magicvl.release.bundle.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a step's inputs hash from named parts: recipe sections, files and folders by
 * content, and earlier steps' outputs. Parts are sorted by name, so the order of calls does
 * not matter; absolute paths and times never enter the hash.
 */
public final class InputsHash {
    private final Map<String, String> parts = new TreeMap<>();

    /** Starts a hash for {@code step}, including the toolchain version and commit. */
    public InputsHash(String step) {
        parts.put("step", step);
        parts.put("toolchain", Toolchain.version() + " " + Toolchain.commit());
    }

    /** Adds a JSON value (a recipe section), canonicalized with sorted keys. */
    public InputsHash json(String name, JsonNode value) {
        try {
            Object plain = Json.MAPPER.treeToValue(value, Object.class);
            parts.put(name, Json.MAPPER.writeValueAsString(plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds a plain value. */
    public InputsHash text(String name, String value) {
        parts.put(name, String.valueOf(value));
        return this;
    }

    /** Adds a file or every file of a folder (relative path and content hash). */
    public InputsHash content(String name, Path path) {
        try {
            if (Files.isDirectory(path)) {
                StringBuilder text = new StringBuilder();
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String relative = path.relativize(file).toString().replace('\\', '/');
                    text.append(relative).append('\t').append(Sha256.ofFile(file)).append('\n');
                }
                parts.put(name, text.toString());
            } else if (Files.isRegularFile(path)) {
                parts.put(name, Sha256.ofFile(path));
            } else {
                parts.put(name, "(missing)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hash " + path, e);
        }
        return this;
    }

    /** Adds an earlier step's outputs by their hash. */
    public InputsHash step(StepRecord record) {
        parts.put("step:" + record.step(), record.outputsSha256());
        return this;
    }

    /** Returns the SHA-256 of all parts. */
    public String sha256() {
        StringBuilder text = new StringBuilder();
        parts.forEach((name, value) -> text.append(name).append('\0').append(value).append('\0'));
        return Sha256.ofBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
