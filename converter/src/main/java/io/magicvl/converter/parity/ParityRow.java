package io.magicvl.converter.parity;

/**
 * One line of the parity table: a graph output compared with the reference.
 *
 * @param component {@code vision}, {@code embed} or {@code decoder}
 * @param check what was compared, for example {@code full tile} or {@code decode step 2}
 * @param maxAbs largest absolute difference
 * @param maxRel largest relative difference (guarded near zero)
 * @param cosine cosine similarity
 * @param argmaxAgree rows whose argmax agrees (decoder only, else -1)
 * @param argmaxRows rows whose argmax was compared (decoder only, else 0)
 * @param passed whether the row is within the thresholds
 */
public record ParityRow(String component, String check, double maxAbs, double maxRel, double cosine, int argmaxAgree,
        int argmaxRows, boolean passed) {}
