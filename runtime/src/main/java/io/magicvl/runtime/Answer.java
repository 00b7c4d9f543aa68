package io.magicvl.runtime;

import java.util.List;

/**
 * The result of one question: the decoded answer, the generated token ids (without the end
 * token), the full prompt ids, the image's tile and visual-token counts, and phase timings.
 */
public record Answer(
        String text,
        List<Integer> tokenIds,
        List<Integer> promptIds,
        int tiles,
        int visualTokens,
        PhaseTimings timings) {}
