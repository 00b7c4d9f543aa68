package io.magicvl.runtime.text;

import io.magicvl.core.MagicvlException;

/**
 * Builds prompt ids in a model's chat format, with an image block of {@code <img>}, one
 * {@code <IMG_CONTEXT>} per visual token and {@code </img>} before the question:
 *
 * <pre>
 * [BOS] [&lt;|im_start|&gt;system\n{system}&lt;|im_end|&gt;\n]
 * &lt;|im_start|&gt;user\n&lt;img&gt;&lt;IMG_CONTEXT&gt;...&lt;/img&gt;\n{question}&lt;|im_end|&gt;\n
 * &lt;|im_start|&gt;assistant\n[&lt;think&gt;\n\n&lt;/think&gt;\n\n]
 * </pre>
 *
 * A text-only question has no image block. The whole text is tokenized at once, as the
 * reference implementation does, so special tokens typed in the question are matched too.
 * A question that contains the placeholder token itself is rejected.
 */
public final class PromptBuilder {
    private static final String IM_START = "<|im_start|>";
    private static final String IM_END = "<|im_end|>";
    private static final String EMPTY_THINK_BLOCK = "<think>\n\n</think>\n\n";
    /**
     * The system message of the {@code internvl2_5} entry in InternVL's conversation
     * templates. Checkpoints do not store it, so a manifest without a system text gets it.
     */
    public static final String INTERNVL2_5_SYSTEM =
            "你是书生·万象，英文名是InternVL，是由上海人工智能实验室、清华大学及多家合作单位联合开发的多模态大语言模型。";

    private final TextTokenizer tokenizer;
    private final PromptSpec spec;

    public PromptBuilder(TextTokenizer tokenizer, PromptSpec spec) {
        this.tokenizer = tokenizer;
        this.spec = spec;
        checkId(spec.imageStart(), spec.imageStartId());
        checkId(spec.imageEnd(), spec.imageEndId());
        checkId(spec.imageContext(), spec.imageContextId());
    }

    private void checkId(String token, long expected) {
        long actual = tokenizer.tokenId(token);
        if (actual != expected) {
            throw MagicvlException.invalidInput("The manifest gives " + token + " id " + expected + " but "
                    + tokenizer.file() + " encodes it as " + actual + ". Convert the model again.");
        }
    }

    /**
     * Returns the text of the system turn: the manifest's, else InternVL2.5's fixed message
     * for the {@code internvl2_5} template, else null (no system turn).
     */
    public String system() {
        if (spec.system() != null) {
            return spec.system();
        }
        return PromptSpec.INTERNVL2_5.equals(spec.template()) ? INTERNVL2_5_SYSTEM : null;
    }

    /** Returns the prompt text with {@code visualTokens} placeholders (0 for a text-only question). */
    public String text(String question, int visualTokens) {
        StringBuilder text = new StringBuilder();
        String system = system();
        if (system != null) {
            text.append(IM_START).append("system\n").append(system).append(IM_END).append('\n');
        }
        text.append(IM_START).append("user\n");
        if (visualTokens > 0) {
            text.append(spec.imageStart());
            text.append(spec.imageContext().repeat(visualTokens));
            text.append(spec.imageEnd()).append('\n');
        }
        text.append(question).append(IM_END).append('\n');
        text.append(IM_START).append("assistant\n");
        if (spec.emptyThinkBlock()) {
            text.append(EMPTY_THINK_BLOCK);
        }
        return text.toString();
    }

    /**
     * Returns the prompt ids for {@code question} with {@code visualTokens} image placeholders.
     *
     * @throws MagicvlException (invalid input) when the question itself contains the image
     *     placeholder token
     */
    public Prompt build(String question, int visualTokens) {
        long[] encoded = tokenizer.encode(text(question, visualTokens));
        int bos = spec.addBos() ? 1 : 0;
        long[] ids = new long[encoded.length + bos];
        if (bos == 1) {
            ids[0] = spec.bosTokenId();
        }
        System.arraycopy(encoded, 0, ids, bos, encoded.length);

        int[] positions = new int[visualTokens];
        int found = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == spec.imageContextId()) {
                if (found == visualTokens) {
                    found++;
                    break;
                }
                positions[found++] = i;
            }
        }
        if (found != visualTokens) {
            throw MagicvlException.invalidInput("The question contains the image placeholder token "
                    + spec.imageContext() + ". Remove it from the question.");
        }
        return new Prompt(ids, positions);
    }
}
