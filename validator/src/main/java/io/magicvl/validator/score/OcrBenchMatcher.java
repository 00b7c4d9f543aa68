package io.magicvl.validator.score;

import io.magicvl.validator.text.PyStrings;
import java.util.List;

/**
 * The per-item OCRBench rule shared by the official script and VLMEvalKit: an accepted answer
 * must be a substring of the prediction (never the other way round), after
 * <ul>
 *   <li>HME items: Python {@code strip()}, each {@code \n} to a space, then every ASCII space
 *       deleted; case-sensitive, so tabs and no-break spaces survive;
 *   <li>other items: Python {@code lower()}, {@code strip()}, each {@code \n} to a space;
 *       runs of spaces are not collapsed and nothing else is removed.
 * </ul>
 * An answer that is empty after this matches any prediction. A list scores once if any
 * alternative matches.
 */
public final class OcrBenchMatcher {
    /** The {@code dataset_name} the official script routes to the HME rule. */
    public static final String HME_DATASET = "HME100k";
    /** The {@code type}/{@code category} VLMEvalKit routes to the HME rule. */
    public static final String HME_TYPE = "Handwritten Mathematical Expression Recognition";

    private OcrBenchMatcher() {}

    /** Returns whether any of {@code answers} matches {@code prediction} under the HME or the general rule. */
    public static boolean matches(List<String> answers, String prediction, boolean hme) {
        String normalizedPrediction = hme ? normalizeHme(prediction) : normalizeGeneral(prediction);
        for (String answer : answers) {
            String normalizedAnswer = hme ? normalizeHme(answer) : normalizeGeneral(answer);
            if (normalizedPrediction.contains(normalizedAnswer)) {
                return true;
            }
        }
        return false;
    }

    static String normalizeHme(String text) {
        return PyStrings.strip(text).replace("\n", " ").replace(" ", "");
    }

    static String normalizeGeneral(String text) {
        return PyStrings.strip(PyStrings.lower(text)).replace("\n", " ");
    }
}
