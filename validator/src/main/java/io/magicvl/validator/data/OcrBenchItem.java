package io.magicvl.validator.data;

import java.util.List;

/**
 * One OCRBench question. {@code answers} contains the accepted answers (one element when the file
 * gives a plain string); {@code datasetName} is null when the source (a VLMEvalKit TSV without
 * that column) does not carry it.
 */
public record OcrBenchItem(
        int pos,
        String datasetName,
        String id,
        String question,
        List<String> answers,
        String type,
        ImageRef image) implements BenchItem {

    @Override
    public String category() {
        return type;
    }

    @Override
    public String label() {
        return (datasetName == null ? "item" : datasetName) + "/" + id;
    }
}
