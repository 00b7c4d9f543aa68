package io.magicvl.validator.data;

/** The view of an item of either benchmark that the run loop needs. */
public interface BenchItem {
    /** Returns the 0-based position of the item in the benchmark file. */
    int pos();

    /** Returns the question given to the model, unchanged from the file. */
    String question();

    /** Returns where the image comes from. */
    ImageRef image();

    /** Returns the category the reports group the item by. */
    String category();

    /** Returns a short readable identifier, for reports. */
    String label();
}
