package io.magicvl.validator.data;

import java.util.HashMap;
import java.util.Map;

/**
 * The base64 image cells of a VLMEvalKit TSV. A cell of 64 characters or fewer is not an image
 * but the {@code index} of another row whose image is the same, as VLMEvalKit's loader reads it.
 */
final class TsvImages {
    /** Cells up to this length are references to another row. */
    static final int REFERENCE_MAX_CHARS = 64;

    private TsvImages() {}

    /** Returns the image cells longer than a reference, by row index. */
    static Map<String, String> collect(TsvTable table) {
        Map<String, String> images = new HashMap<>();
        if (!table.hasColumn("image")) {
            return images;
        }
        for (int row = 0; row < table.size(); row++) {
            String cell = table.cell(row, "image");
            if (cell.length() > REFERENCE_MAX_CHARS) {
                images.put(table.cell(row, "index"), cell);
            }
        }
        return images;
    }

    /** Returns the reference for a row: none for an empty cell, else the index holding the bytes. */
    static ImageRef refFor(TsvTable table, int row) {
        String cell = table.hasColumn("image") ? table.cell(row, "image") : "";
        if (cell.isEmpty() || "nan".equals(cell)) {
            return ImageRef.none();
        }
        if (cell.length() <= REFERENCE_MAX_CHARS) {
            return ImageRef.embedded(cell.trim());
        }
        return ImageRef.embedded(table.cell(row, "index"));
    }
}
