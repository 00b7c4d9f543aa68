package io.magicvl.release.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.release.bundle.EntryPolicy;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a manifest against the contract of docs/export-format.md: required keys, their JSON
 * types, digests, relative file paths, and that every component's file is listed in
 * {@code files}. Unknown extra keys are allowed, so newer writers of the same format
 * version stay readable.
 */
public final class ManifestSchema {
    /** The manifest format version this build reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /** Name of the manifest inside an export folder or bundle. */
    public static final String FILE_NAME = "manifest.json";

    private ManifestSchema() {}

    /** Returns every schema problem of {@code manifest}, each starting with its JSON Pointer. */
    public static List<String> problems(JsonNode manifest) {
        JsonChecker check = new JsonChecker();
        if (manifest == null || !manifest.isObject()) {
            check.problem("", "expected a JSON object");
            return check.problems();
        }
        Long version = check.integer(manifest, "", "format_version", false, 1);
        if (version != null && version != FORMAT_VERSION) {
            check.problem("/format_version", "format version " + version + " is not supported; this magicvl reads "
                    + FORMAT_VERSION + " (use a magicvl release that matches the bundle)");
        }

        checkModel(check, manifest);
        checkSource(check, manifest);
        JsonNode toolchain = check.object(manifest, "", "toolchain", false);
        if (toolchain != null) {
            check.string(toolchain, "/toolchain", "version", false);
            check.string(toolchain, "/toolchain", "commit", false);
        }
        JsonNode recipe = check.object(manifest, "", "recipe", true);
        if (recipe != null) {
            check.string(recipe, "/recipe", "name", false);
            check.sha256(recipe, "/recipe", "sha256", false);
        }
        Set<String> listed = checkFiles(check, manifest);
        checkComponents(check, manifest, listed);
        JsonNode preprocess = check.object(manifest, "", "preprocess", false);
        if (preprocess != null) {
            check.string(preprocess, "/preprocess", "scheme", false);
        }
        checkPrompt(check, manifest);
        checkDecoder(check, manifest);
        checkSummary(check, manifest, "validation");
        checkSummary(check, manifest, "device");
        return check.problems();
    }

    private static void checkModel(JsonChecker check, JsonNode manifest) {
        JsonNode model = check.object(manifest, "", "model", false);
        if (model != null) {
            check.string(model, "/model", "name", false);
            check.string(model, "/model", "architecture", false);
            check.string(model, "/model", "model_type", false);
        }
    }

    private static void checkSource(JsonChecker check, JsonNode manifest) {
        JsonNode source = check.object(manifest, "", "source", false);
        if (source == null) {
            return;
        }
        check.string(source, "/source", "checkpoint", false);
        check.integer(source, "/source", "stage", true, 0);
        check.sha256(source, "/source", "config_sha256", false);
        JsonNode weights = check.object(source, "/source", "weights", false);
        if (weights != null) {
            if (weights.isEmpty()) {
                check.problem("/source/weights", "expected at least one weight file and its SHA-256");
            }
            for (Iterator<String> names = weights.fieldNames(); names.hasNext(); ) {
                check.sha256(weights, "/source/weights", names.next(), false);
            }
        }
    }

    private static Set<String> checkFiles(JsonChecker check, JsonNode manifest) {
        Set<String> listed = new HashSet<>();
        JsonNode files = check.array(manifest, "", "files", false);
        if (files == null) {
            return listed;
        }
        for (int i = 0; i < files.size(); i++) {
            String pointer = "/files/" + i;
            JsonNode file = files.get(i);
            if (!file.isObject()) {
                check.problem(pointer, "expected an object with path, size and sha256, found " + JsonChecker.describe(file));
                continue;
            }
            String path = check.string(file, pointer, "path", false);
            check.integer(file, pointer, "size", false, 0);
            check.sha256(file, pointer, "sha256", false);
            if (path == null) {
                continue;
            }
            String nameProblem = EntryPolicy.nameProblem(path, false);
            if (nameProblem != null) {
                check.problem(pointer + "/path", "\"" + path + "\" " + nameProblem);
            } else if (path.equals(FILE_NAME)) {
                check.problem(pointer + "/path", "the manifest does not list itself");
            } else if (!listed.add(path)) {
                check.problem(pointer + "/path", "\"" + path + "\" is listed twice");
            }
        }
        return listed;
    }

    private static void checkComponents(JsonChecker check, JsonNode manifest, Set<String> listed) {
        JsonNode components = check.object(manifest, "", "components", false);
        if (components == null) {
            return;
        }
        if (components.isEmpty()) {
            check.problem("/components", "expected at least one component");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String pointer = "/components/" + member.getKey();
            JsonNode component = member.getValue();
            if (!component.isObject()) {
                check.problem(pointer, "expected an object, found " + JsonChecker.describe(component));
                continue;
            }
            String file = check.string(component, pointer, "file", false);
            if (file != null && !listed.contains(file)) {
                check.problem(pointer + "/file", "\"" + file + "\" is not listed in /files");
            }
            check.string(component, pointer, "precision", false);
            JsonNode quantization = check.required(component, pointer, "quantization");
            if (quantization != null && !(quantization.isNull() || quantization.isObject() || quantization.isTextual())) {
                check.problem(pointer + "/quantization", "expected null, a string or an object, found "
                        + JsonChecker.describe(quantization));
            }
            checkSignature(check, component, pointer, "inputs");
            checkSignature(check, component, pointer, "outputs");
            check.object(component, pointer, "parity", true);
            check.object(component, pointer, "error", true);
        }
    }

    private static void checkSignature(JsonChecker check, JsonNode component, String pointer, String key) {
        JsonNode values = check.array(component, pointer, key, false);
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String at = pointer + "/" + key + "/" + i;
            JsonNode value = values.get(i);
            if (!value.isObject()) {
                check.problem(at, "expected an object with name, type and shape, found " + JsonChecker.describe(value));
                continue;
            }
            check.string(value, at, "name", false);
            check.string(value, at, "type", false);
            check.array(value, at, "shape", false);
        }
    }

    private static void checkPrompt(JsonChecker check, JsonNode manifest) {
        JsonNode prompt = check.object(manifest, "", "prompt", false);
        if (prompt == null) {
            return;
        }
        check.string(prompt, "/prompt", "template", false);
        JsonNode eos = check.array(prompt, "/prompt", "eos_token_ids", false);
        if (eos != null) {
            if (eos.isEmpty()) {
                check.problem("/prompt/eos_token_ids", "expected at least one token id");
            }
            for (int i = 0; i < eos.size(); i++) {
                if (!eos.get(i).isIntegralNumber() || eos.get(i).asLong() < 0) {
                    check.problem("/prompt/eos_token_ids/" + i, "expected a token id, found " + JsonChecker.describe(eos.get(i)));
                }
            }
        }
    }

    private static void checkDecoder(JsonChecker check, JsonNode manifest) {
        JsonNode decoder = check.object(manifest, "", "decoder", false);
        if (decoder == null) {
            return;
        }
        for (String key : List.of("layers", "kv_heads", "head_dim", "hidden_size", "vocab_size")) {
            check.integer(decoder, "/decoder", key, false, 1);
        }
    }

    /** Checks {@code validation} or {@code device}: null, or an object with a passed flag and gates. */
    private static void checkSummary(JsonChecker check, JsonNode manifest, String key) {
        JsonNode summary = check.object(manifest, "", key, true);
        if (summary == null) {
            return;
        }
        String pointer = "/" + key;
        check.bool(summary, pointer, "passed");
        JsonNode gates = check.array(summary, pointer, "gates", false);
        if (gates == null) {
            return;
        }
        for (int i = 0; i < gates.size(); i++) {
            String at = pointer + "/gates/" + i;
            JsonNode gate = gates.get(i);
            if (!gate.isObject()) {
                check.problem(at, "expected a gate object, found " + JsonChecker.describe(gate));
                continue;
            }
            check.string(gate, at, "name", false);
            check.number(gate, at, "value", true);
            check.number(gate, at, "threshold", true);
            check.bool(gate, at, "passed");
            JsonNode interval = gate.get("interval");
            if (interval != null && !interval.isNull()
                    && !(interval.isArray() && interval.size() == 2 && interval.get(0).isNumber() && interval.get(1).isNumber())) {
                check.problem(at + "/interval", "expected null or [low, high], found " + JsonChecker.describe(interval));
            }
        }
    }
}
