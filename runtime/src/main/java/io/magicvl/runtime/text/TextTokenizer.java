package io.magicvl.runtime.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face {@code tokenizer.json} loaded through DJL's binding of the Rust tokenizers
 * library, which works offline because the native library ships inside the jar.
 *
 * <p>Truncation, padding and automatic special tokens are all off: DJL otherwise truncates to
 * 512 tokens, and the chat template adds every special token itself. Added tokens such as
 * {@code <|im_start|>} in the text are still matched before the model's BPE runs.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /**
     * Loads {@code tokenizer.json}.
     *
     * @throws MagicvlException (invalid input) when the file is missing or not a valid tokenizer
     */
    public static TextTokenizer open(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw MagicvlException.invalidInput("Tokenizer not found: " + tokenizerJson
                    + ". The export folder must contain the checkpoint's tokenizer.json.");
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new TextTokenizer(tokenizer, tokenizerJson);
        } catch (IOException | RuntimeException e) {
            throw MagicvlException.invalidInput("Cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** Returns the ids of {@code text}, with added tokens in the text matched as such. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Returns the text of {@code ids}; special tokens are left out when {@code skipSpecial}. */
    public String decode(long[] ids, boolean skipSpecial) {
        return tokenizer.decode(ids, skipSpecial);
    }

    /**
     * Returns the id of {@code token}, which must encode to exactly one id.
     *
     * @throws MagicvlException (invalid input) when the tokenizer splits it
     */
    public long tokenId(String token) {
        long[] ids = encode(token);
        if (ids.length != 1) {
            throw MagicvlException.invalidInput("Token " + token + " is not a single token of " + file
                    + " (it encodes to " + ids.length + " ids). The checkpoint must add it as a special token.");
        }
        return ids[0];
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
