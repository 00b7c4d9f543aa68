package io.magicvl.validator.score;

/**
 * The result of one item.
 *
 * @param counted whether the item is part of the mode's question set and was not skipped
 *     (OCRBench official skips missing predictions; VLMEvalKit's HallusionBench leaves out
 *     text-only questions)
 * @param scoredText the text the matcher compared (after VLMEvalKit's spreadsheet round trip
 *     in that mode), or null when the item was skipped
 * @param extracted the yes/no extraction ({@code Yes}, {@code No}, {@code Unknown}) or, in
 *     official HallusionBench scoring, the judge label; null for OCRBench
 */
public record ItemScore(
        int pos,
        String label,
        String category,
        boolean counted,
        boolean correct,
        String scoredText,
        String extracted) {}
