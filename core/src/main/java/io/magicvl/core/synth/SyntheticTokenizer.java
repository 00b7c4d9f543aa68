package io.magicvl.core.synth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magicvl.core.Json;
import io.magicvl.core.model.TokenizerInfo.AddedToken;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a byte-level BPE {@code tokenizer.json} with no merges: the 256 byte tokens, filler
 * tokens up to the real vocabulary size, and the real special tokens at their real ids. It
 * encodes any text as one token per byte, so ids are valid for the model but the
 * segmentation is not the real tokenizer's.
 */
final class SyntheticTokenizer {
    private SyntheticTokenizer() {}

    /** Returns {@code tokenizer.json} content for {@code spec}. */
    static ObjectNode tokenizerJson(TokenizerSpec spec) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        Map<Integer, String> specialById = new HashMap<>();
        for (AddedToken token : spec.addedTokens()) {
            specialById.put(token.id(), token.content());
            ObjectNode entry = added.addObject();
            entry.put("id", token.id());
            entry.put("content", token.content());
            entry.put("single_word", false);
            entry.put("lstrip", false);
            entry.put("rstrip", false);
            entry.put("normalized", false);
            entry.put("special", token.special());
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(true));

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        char[] alphabet = byteAlphabet();
        int nextByte = 0;
        int filler = 0;
        for (int id = 0; id < spec.baseVocabSize(); id++) {
            String special = specialById.get(id);
            if (special != null) {
                vocab.put(special, id);
            } else if (nextByte < 256) {
                vocab.put(String.valueOf(alphabet[nextByte++]), id);
            } else {
                vocab.put(fillerToken(alphabet, filler++), id);
            }
        }
        model.putArray("merges");
        return root;
    }

    /** Returns {@code tokenizer_config.json} content for {@code spec}. */
    static ObjectNode tokenizerConfig(TokenizerSpec spec) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model_max_length", spec.modelMaxLength());
        root.put("eos_token", spec.eosToken());
        root.put("pad_token", spec.padToken());
        if (spec.bosToken() == null) {
            root.putNull("bos_token");
        } else {
            root.put("bos_token", spec.bosToken());
        }
        root.put("tokenizer_class", spec.tokenizerClass());
        root.put("chat_template", spec.chatTemplate());
        return root;
    }

    /** Two or three byte characters that no merge produces: unique, unreachable, but well-formed. */
    private static String fillerToken(char[] alphabet, int index) {
        if (index < 256 * 256) {
            return new String(new char[] {alphabet[index / 256], alphabet[index % 256]});
        }
        int rest = index - 256 * 256;
        return new String(new char[] {alphabet[(rest / 65536) % 256], alphabet[(rest / 256) % 256], alphabet[rest % 256]});
    }

    /**
     * GPT-2's byte-to-character table: printable Latin-1 bytes map to themselves, the other
     * bytes to code points from 256 upward, in byte order.
     */
    static char[] byteAlphabet() {
        char[] table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : (char) next++;
        }
        return table;
    }

    private static ObjectNode byteLevel(boolean decoder) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", decoder);
        node.put("trim_offsets", true);
        node.put("use_regex", true);
        return node;
    }
}
