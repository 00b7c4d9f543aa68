package io.magicvl.release.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.release.manifest.ManifestSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** Compares the files actually present with the manifest's schema and its {@code files} list. */
final class ManifestFileCheck {
    /** Size and SHA-256 of one file as found. */
    record FileFacts(long size, String sha256) {}

    private ManifestFileCheck() {}

    /**
     * Returns the problems of a manifest and the files found beside it.
     *
     * @param manifestBytes the manifest's bytes, or null when there is none
     * @param found every file except the manifest, by relative path
     * @param modelName receives the model name when the manifest names one (index 0)
     */
    static List<VerificationReport.Problem> check(byte[] manifestBytes, SortedMap<String, FileFacts> found, String[] modelName) {
        List<VerificationReport.Problem> problems = new ArrayList<>();
        if (manifestBytes == null) {
            problems.add(new VerificationReport.Problem(ManifestSchema.FILE_NAME, "missing; every bundle has a manifest"));
            return problems;
        }
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(manifestBytes);
        } catch (IOException e) {
            problems.add(new VerificationReport.Problem(ManifestSchema.FILE_NAME, "is not valid JSON: " + e.getMessage()));
            return problems;
        }
        JsonNode name = manifest.path("model").path("name");
        modelName[0] = name.isTextual() ? name.asText() : null;
        for (String problem : ManifestSchema.problems(manifest)) {
            problems.add(new VerificationReport.Problem(ManifestSchema.FILE_NAME, "schema: " + problem));
        }
        JsonNode files = manifest.path("files");
        if (!files.isArray()) {
            return problems;
        }
        Set<String> listed = new HashSet<>();
        for (JsonNode file : files) {
            String path = file.path("path").asText(null);
            if (path == null || !listed.add(path)) {
                continue;
            }
            FileFacts facts = found.get(path);
            if (facts == null) {
                problems.add(new VerificationReport.Problem(path, "listed in manifest.json but missing"));
                continue;
            }
            long size = file.path("size").asLong(-1);
            if (facts.size() != size) {
                problems.add(new VerificationReport.Problem(path, "size is " + facts.size() + " bytes, manifest.json says " + size));
            }
            String sha256 = file.path("sha256").asText("");
            if (!facts.sha256().equals(sha256)) {
                problems.add(new VerificationReport.Problem(path, "SHA-256 is " + facts.sha256() + ", manifest.json says " + sha256));
            }
        }
        for (Map.Entry<String, FileFacts> entry : found.entrySet()) {
            if (!listed.contains(entry.getKey())) {
                problems.add(new VerificationReport.Problem(entry.getKey(), "present but not listed in manifest.json files"));
            }
        }
        return problems;
    }
}
