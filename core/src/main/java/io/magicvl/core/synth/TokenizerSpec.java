package io.magicvl.core.synth;

import io.magicvl.core.model.TokenizerInfo.AddedToken;
import java.util.List;

/**
 * The facts a synthetic tokenizer reproduces from the real one: the base vocabulary size, the
 * added tokens with their real ids, and the roles in {@code tokenizer_config.json}.
 *
 * @param baseVocabSize entries of the BPE vocabulary (ids 0..baseVocabSize-1)
 * @param addedTokens special tokens with their ids; ids below baseVocabSize replace vocabulary entries
 * @param tokenizerClass {@code tokenizer_class} of the real tokenizer
 * @param bosToken {@code bos_token}, or null
 * @param eosToken {@code eos_token}
 * @param padToken {@code pad_token}
 * @param chatTemplate Jinja chat template of the model's prompt format
 * @param modelMaxLength {@code model_max_length}
 */
public record TokenizerSpec(
        int baseVocabSize,
        List<AddedToken> addedTokens,
        String tokenizerClass,
        String bosToken,
        String eosToken,
        String padToken,
        String chatTemplate,
        long modelMaxLength) {

    /** The ChatML turns the Qwen and InternVL templates share, without a default system turn. */
    static final String CHATML_TEMPLATE = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}"
            + "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";
}
