package io.magicvl.release.bundle;

/**
 * Size limits that bound what reading a bundle may write or decompress, so a crafted archive
 * (a zstd or tar bomb) fails early instead of filling the disk.
 *
 * <p>The limits apply to bytes actually decompressed while streaming, not to the sizes the
 * tar headers claim, so a header that lies about its size is caught too.
 *
 * @param maxEntryBytes maximum content bytes of one entry
 * @param maxTotalBytes maximum content bytes of all entries together
 * @param maxEntries maximum number of entries, directories included
 */
public record ExtractionLimits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
    /** 64 GiB per entry: above the largest single weight file a 2B-class fp32 export writes. */
    public static final long DEFAULT_MAX_ENTRY_BYTES = 64L << 30;
    /** 128 GiB in total. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 128L << 30;
    /** 100,000 entries. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /**
     * Bytes of tar headers, PAX records and padding allowed on top of {@link #maxTotalBytes}
     * in the raw decompressed stream: 2 KiB per entry plus 1 MiB.
     */
    static final long METADATA_BYTES_PER_ENTRY = 2048;

    /** Checks that every limit is positive. */
    public ExtractionLimits {
        if (maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("Extraction limits must be positive, got max entry bytes "
                    + maxEntryBytes + ", max total bytes " + maxTotalBytes + ", max entries " + maxEntries);
        }
    }

    /** Returns the default limits. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_ENTRIES);
    }

    /** Returns the bound on the whole decompressed tar stream: contents plus header allowance. */
    long maxStreamBytes() {
        long metadata = (1L << 20) + METADATA_BYTES_PER_ENTRY * maxEntries;
        long sum = maxTotalBytes + metadata;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
