package io.magicvl.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tokenizer facts of a checkpoint: size, added (special) tokens and the roles named in {@code
 * tokenizer_config.json}. The vocabulary itself is left to a tokenizer library.
 *
 * @param tokenizerJson {@code tokenizer.json}, or null when the checkpoint has none
 * @param modelType the tokenizer model ({@code BPE}, {@code Unigram}, ...), or an empty string
 * @param baseVocabSize entries of {@code model.vocab}
 * @param addedTokens added tokens from {@code tokenizer.json} (or {@code added_tokens_decoder}), by id
 * @param tokenizerClass {@code tokenizer_class}, or an empty string
 * @param bosToken {@code bos_token} content, or an empty string
 * @param eosToken {@code eos_token} content, or an empty string
 * @param padToken {@code pad_token} content, or an empty string
 * @param hasChatTemplate whether {@code tokenizer_config.json} has a {@code chat_template}
 * @param modelMaxLength {@code model_max_length}, or -1
 */
public record TokenizerInfo(
        Path tokenizerJson,
        String modelType,
        int baseVocabSize,
        List<AddedToken> addedTokens,
        String tokenizerClass,
        String bosToken,
        String eosToken,
        String padToken,
        boolean hasChatTemplate,
        long modelMaxLength) {

    /** An added token: id, text and whether it is special. */
    public record AddedToken(int id, String content, boolean special) {}

    /** Returns one more than the largest token id (base vocabulary and added tokens). */
    public int size() {
        int max = baseVocabSize - 1;
        for (AddedToken token : addedTokens) {
            max = Math.max(max, token.id());
        }
        return max + 1;
    }

    /** Returns the id of the added token whose text is {@code content}. */
    public Optional<Integer> idOf(String content) {
        return addedTokens.stream().filter(t -> t.content().equals(content)).map(AddedToken::id).findFirst();
    }

    /** Reads the tokenizer files of {@code folder}; missing files give empty facts. */
    public static TokenizerInfo read(Path folder) {
        Path json = folder.resolve("tokenizer.json");
        Path config = folder.resolve("tokenizer_config.json");
        JsonNode tokenizer = Files.isRegularFile(json) ? readJson(json) : null;
        JsonNode settings = Files.isRegularFile(config) ? readJson(config) : Json.MAPPER.createObjectNode();

        List<AddedToken> added = new ArrayList<>();
        String modelType = "";
        int baseVocab = 0;
        if (tokenizer != null) {
            for (JsonNode token : tokenizer.path("added_tokens")) {
                added.add(new AddedToken(token.path("id").asInt(), token.path("content").asText(),
                        token.path("special").asBoolean(false)));
            }
            modelType = tokenizer.path("model").path("type").asText("");
            baseVocab = tokenizer.path("model").path("vocab").size();
        } else {
            settings.path("added_tokens_decoder").fields().forEachRemaining(e -> added.add(new AddedToken(
                    Integer.parseInt(e.getKey()), e.getValue().path("content").asText(),
                    e.getValue().path("special").asBoolean(false))));
        }
        added.sort(Comparator.comparingInt(AddedToken::id));
        return new TokenizerInfo(tokenizer == null ? null : json, modelType, baseVocab, List.copyOf(added),
                settings.path("tokenizer_class").asText(""), role(settings, "bos_token"), role(settings, "eos_token"),
                role(settings, "pad_token"), settings.hasNonNull("chat_template"),
                settings.path("model_max_length").asLong(-1));
    }

    /** Reads a role that is stored as a string or as {@code {"content": ...}}. */
    private static String role(JsonNode settings, String key) {
        JsonNode value = settings.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.path("content").asText("");
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw MagicvlException.invalidInput("Invalid JSON in " + file + ": " + e.getOriginalMessage() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
