package io.magicvl.release.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of verifying a bundle or an export folder.
 *
 * @param source the bundle file or folder checked
 * @param filesChecked files whose size and SHA-256 were compared with the manifest
 * @param model the manifest's model name, or null when the manifest could not be read
 * @param problems every mismatch found; empty when the bundle is intact
 */
public record VerificationReport(String source, int filesChecked, String model, List<Problem> problems) {
    /**
     * One mismatch.
     *
     * @param path the file (or {@code manifest.json} plus a JSON Pointer) concerned
     * @param message what is wrong, with the expected and actual values
     */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Copies the problem list. */
    public VerificationReport {
        problems = List.copyOf(problems);
    }

    /** Returns whether no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Returns the report as a JSON-ready map (keys in a fixed order). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("ok", ok());
        json.put("model", model);
        json.put("files_checked", filesChecked);
        json.put("problems", problems.stream()
                .map(p -> Map.of("path", p.path(), "message", p.message()))
                .toList());
        return json;
    }
}
