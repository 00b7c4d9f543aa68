package io.magicvl.validator.data;

/**
 * Where an item's image comes from: nowhere (a text-only question), a file under the image
 * root given on the command line (official JSON files), or a base64 cell of a VLMEvalKit TSV
 * identified by the {@code index} of the row that contains it.
 */
public record ImageRef(Kind kind, String value) {
    /** The source of the image. */
    public enum Kind {
        NONE,
        FILE,
        EMBEDDED
    }

    private static final ImageRef NONE = new ImageRef(Kind.NONE, null);

    /** Returns the reference of a text-only question. */
    public static ImageRef none() {
        return NONE;
    }

    /** Returns a reference to {@code relativePath} under the image root. */
    public static ImageRef file(String relativePath) {
        return new ImageRef(Kind.FILE, relativePath);
    }

    /** Returns a reference to the base64 image of TSV row {@code index}. */
    public static ImageRef embedded(String index) {
        return new ImageRef(Kind.EMBEDDED, index);
    }
}
