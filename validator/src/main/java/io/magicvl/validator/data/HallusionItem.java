package io.magicvl.validator.data;

/**
 * One HallusionBench question, with the id fields as strings exactly as the file gives them.
 * {@code visualInput} is 0 (no image), 1 (original image) or 2 (edited image);
 * {@code gtAnswer} is {@code "1"} (yes) or {@code "0"} (no).
 */
public record HallusionItem(
        int pos,
        String categoryCode,
        String subcategory,
        int visualInput,
        String setId,
        String figureId,
        String questionId,
        String question,
        String gtAnswer,
        String gtAnswerDetails,
        ImageRef image) implements BenchItem {

    /** Returns {@code category_subcategory}, VLMEvalKit's {@code l2-category}. */
    public String l2Category() {
        return categoryCode + "_" + subcategory;
    }

    /** Returns the question-pair key {@code category_subcategory_set_question}. */
    public String pairKey() {
        return l2Category() + "_" + setId + "_" + questionId;
    }

    /** Returns the figure key {@code category_subcategory_set_figure}. */
    public String figureKey() {
        return l2Category() + "_" + setId + "_" + figureId;
    }

    /** Returns the set key {@code category_subcategory_set}, which contains whole figures and whole pairs. */
    public String setKey() {
        return l2Category() + "_" + setId;
    }

    /** Returns whether the question comes with an image. */
    public boolean hasImage() {
        return image.kind() != ImageRef.Kind.NONE;
    }

    /** Returns whether the official scoring treats the item as the VS no-image question of its pair. */
    public boolean isVsNoImage() {
        return "VS".equals(categoryCode) && "0".equals(figureId);
    }

    @Override
    public String category() {
        return l2Category();
    }

    @Override
    public String label() {
        return l2Category() + "_" + visualInput + "_" + setId + "_" + figureId + "_" + questionId;
    }
}
