package io.magicvl.runtime.text;

/**
 * The token ids of one prompt and where its image placeholders are.
 *
 * @param ids every token id of the prompt
 * @param placeholderPositions positions in {@code ids} of the image placeholders, ascending;
 *     visual token {@code k} replaces the embedding at {@code placeholderPositions[k]}
 */
public record Prompt(long[] ids, int[] placeholderPositions) {}
