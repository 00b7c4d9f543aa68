package io.magicvl.runtime.text;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.util.List;

/**
 * The chat format of a model, from the {@code "prompt"} section of an export's manifest.
 *
 * @param template {@value #QWEN_CHAT} or {@value #INTERNVL2_5}
 * @param system text of a fixed system turn, or null for none
 * @param addBos whether {@code bosTokenId} starts the prompt
 * @param bosTokenId id of the beginning-of-sequence token, or null
 * @param imageStart token that opens an image block
 * @param imageEnd token that closes an image block
 * @param imageContext placeholder token, one per visual token
 * @param imageStartId id of {@code imageStart}
 * @param imageEndId id of {@code imageEnd}
 * @param imageContextId id of {@code imageContext}
 * @param eosTokenIds ids that end the answer
 * @param emptyThinkBlock whether an empty think block follows the generation prompt (Qwen3
 *     with thinking disabled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptSpec(
        @JsonProperty("template") String template,
        @JsonProperty("system") String system,
        @JsonProperty("add_bos") boolean addBos,
        @JsonProperty("bos_token_id") Long bosTokenId,
        @JsonProperty("image_start") String imageStart,
        @JsonProperty("image_end") String imageEnd,
        @JsonProperty("image_context") String imageContext,
        @JsonProperty("image_start_id") long imageStartId,
        @JsonProperty("image_end_id") long imageEndId,
        @JsonProperty("image_context_id") long imageContextId,
        @JsonProperty("eos_token_ids") List<Long> eosTokenIds,
        @JsonProperty("empty_think_block") boolean emptyThinkBlock) {

    /** Qwen chat turns: {@code <|im_start|>role\ncontent<|im_end|>\n}, no BOS. */
    public static final String QWEN_CHAT = "qwen-chat";
    /** InternVL2.5: BOS, a fixed system turn, then Qwen-style chat turns. */
    public static final String INTERNVL2_5 = "internvl2_5";

    /** Reads the {@code "prompt"} object of a manifest; {@code source} names it in errors. */
    public static PromptSpec fromJson(JsonNode node, String source) {
        if (node == null || node.isNull()) {
            throw MagicvlException.invalidInput("Missing \"prompt\" section in " + source + ". Convert the model again.");
        }
        PromptSpec spec;
        try {
            spec = Json.MAPPER.treeToValue(node, PromptSpec.class);
        } catch (IOException e) {
            throw MagicvlException.invalidInput("Invalid \"prompt\" section in " + source + ": " + e.getMessage(), e);
        }
        if (!QWEN_CHAT.equals(spec.template) && !INTERNVL2_5.equals(spec.template)) {
            throw MagicvlException.invalidInput("Unknown prompt template \"" + spec.template + "\" in " + source
                    + ". Expected \"" + QWEN_CHAT + "\" or \"" + INTERNVL2_5 + "\".");
        }
        if (spec.eosTokenIds == null || spec.eosTokenIds.isEmpty()) {
            throw MagicvlException.invalidInput("No \"eos_token_ids\" in the prompt section of " + source + ".");
        }
        if (spec.addBos && spec.bosTokenId == null) {
            throw MagicvlException.invalidInput("\"add_bos\" is true but \"bos_token_id\" is missing in " + source + ".");
        }
        return spec;
    }
}
