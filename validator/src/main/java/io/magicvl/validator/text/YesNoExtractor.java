package io.magicvl.validator.text;

import java.util.List;

/**
 * VLMEvalKit's yes/no extraction ({@code YOrN_Extraction} with {@code process_punctuation},
 * VLMEvalKit commit e8e78f05): lower-case, punctuation processing, Python whitespace split,
 * then exact tokens.
 *
 * <p>The punctuation step has quirks that change results and are reproduced on purpose:
 * <ul>
 *   <li>For each of 21 characters: when the text contains that character followed or
 *       preceded by a space, or contains digit-comma-digit anywhere, every occurrence is
 *       deleted; otherwise every occurrence becomes a space. So {@code "Yes,the total is
 *       1,000"} gives the single token {@code yesthe}.
 *   <li>A period with no decimal digit directly before or after it is deleted, but only the
 *       first 32 such periods, because the upstream code passes {@code re.UNICODE} (32) where
 *       {@code re.sub} expects its count.
 *   <li>Digits are Unicode decimal digits (Python's {@code \d}), so fullwidth and
 *       Arabic-Indic digits count.
 * </ul>
 */
public final class YesNoExtractor {
    /** The extracted answer. */
    public enum Answer {
        YES("Yes"),
        NO("No"),
        UNKNOWN("Unknown");

        private final String label;

        Answer(String label) {
            this.label = label;
        }

        /** Returns the label VLMEvalKit prints: {@code Yes}, {@code No} or {@code Unknown}. */
        public String label() {
            return label;
        }
    }

    private static final String PUNCTUATION = ";/[]\"{}()=+\\_-><@`,?!";
    private static final int PERIOD_LIMIT = 32;

    private YesNoExtractor() {}

    /** Extracts Yes, No or Unknown from a model's answer. */
    public static Answer extract(String prediction) {
        List<String> words = words(prediction);
        boolean yes = words.contains("yes");
        boolean no = words.contains("no");
        if (yes && !no) {
            return Answer.YES;
        }
        if (no && !yes) {
            return Answer.NO;
        }
        return Answer.UNKNOWN;
    }

    /** Returns the tokens the extraction looks at: the processed, lower-cased text split on whitespace. */
    public static List<String> words(String prediction) {
        return PyStrings.split(processPunctuation(PyStrings.lower(prediction)));
    }

    /** Applies VLMEvalKit's {@code process_punctuation} to {@code text} (already lower-cased by the caller). */
    public static String processPunctuation(String text) {
        boolean digitCommaDigit = containsDigitCommaDigit(text);
        String out = text;
        for (int i = 0; i < PUNCTUATION.length(); i++) {
            String p = String.valueOf(PUNCTUATION.charAt(i));
            boolean spaced = text.contains(p + " ") || text.contains(" " + p);
            out = out.replace(p, spaced || digitCommaDigit ? "" : " ");
        }
        return stripPeriods(out);
    }

    private static boolean containsDigitCommaDigit(String text) {
        for (int i = 1; i + 1 < text.length(); i++) {
            if (text.charAt(i) == ',' && isDigitBefore(text, i) && isDigitAt(text, i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the first {@value #PERIOD_LIMIT} periods that have no digit on either side. */
    private static String stripPeriods(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int removed = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean strippable = c == '.'
                    && removed < PERIOD_LIMIT
                    && !(i > 0 && isDigitBefore(text, i))
                    && !isDigitAt(text, i + 1);
            if (strippable) {
                removed++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isDigitAt(String text, int index) {
        return index < text.length() && Character.isDigit(text.codePointAt(index));
    }

    private static boolean isDigitBefore(String text, int index) {
        return index > 0 && Character.isDigit(text.codePointBefore(index));
    }
}
