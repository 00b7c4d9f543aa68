package io.magicvl.cli;

import io.magicvl.release.bundle.ExtractionLimits;
import picocli.CommandLine.Option;

/** The size limits shared by {@code verify} and {@code unpack}. */
final class LimitOptions {
    @Option(names = "--max-entry-bytes", paramLabel = "N",
            description = "Reject an entry with more than N decompressed bytes (default: ${DEFAULT-VALUE}, 64 GiB).")
    long maxEntryBytes = ExtractionLimits.DEFAULT_MAX_ENTRY_BYTES;

    @Option(names = "--max-total-bytes", paramLabel = "N",
            description = "Reject a bundle with more than N decompressed bytes in all entries (default: ${DEFAULT-VALUE}, 128 GiB).")
    long maxTotalBytes = ExtractionLimits.DEFAULT_MAX_TOTAL_BYTES;

    @Option(names = "--max-entries", paramLabel = "N",
            description = "Reject a bundle with more than N entries (default: ${DEFAULT-VALUE}).")
    int maxEntries = ExtractionLimits.DEFAULT_MAX_ENTRIES;

    ExtractionLimits toLimits() {
        if (maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0) {
            throw io.magicvl.core.MagicvlException.invalidInput("--max-entry-bytes, --max-total-bytes and --max-entries"
                    + " must be positive, got " + maxEntryBytes + ", " + maxTotalBytes + ", " + maxEntries);
        }
        return new ExtractionLimits(maxEntryBytes, maxTotalBytes, maxEntries);
    }
}
