package io.magicvl.release.steps;

import io.magicvl.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers the steps share for writing their reports. */
final class StepFiles {
    private StepFiles() {}

    /** Writes {@code value} as indented JSON. */
    static void writeJson(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Json.PRETTY.writeValueAsBytes(value));
    }

    /** Writes {@code value} as indented JSON, turning I/O errors into unchecked ones. */
    static void writeJsonQuietly(Path file, Object value) {
        try {
            writeJson(file, value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Writes a text page like {@link #writeTextPage}, turning I/O errors into unchecked ones. */
    static void writeTextPageQuietly(Path file, String title, String text) {
        try {
            writeTextPage(file, title, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Returns {@code value} as indented JSON. */
    static String prettyJson(Object value) {
        try {
            return Json.PRETTY.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes plain text as UTF-8. */
    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Writes a page that links each of {@code links} (relative paths). */
    static void writeIndex(Path file, String title, java.util.List<String> links) throws IOException {
        StringBuilder items = new StringBuilder();
        for (String link : links) {
            String escaped = link.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
            items.append("<li><a href=\"").append(escaped).append("\">").append(escaped).append("</a></li>\n");
        }
        writeText(file, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ul>\n" + items + "</ul>\n</body>\n</html>\n");
    }

    /** Wraps preformatted text in a minimal HTML page, so every step has a page to link. */
    static void writeTextPage(Path file, String title, String text) throws IOException {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        writeText(file, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<pre>" + escaped + "</pre>\n</body>\n</html>\n");
    }
}
